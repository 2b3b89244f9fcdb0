import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach } from 'vitest'

const cleanups: (() => void)[] = []
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup()
})

/** Runs `cleanup` after the current test, in reverse order of registration (close before delete). */
export function afterTest(cleanup: () => void): void {
  cleanups.push(cleanup)
}

/** A fresh temporary folder, removed after the current test. */
export function tempDir(prefix = 'gan-studio-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  afterTest(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}
