/**
 * Gives each test a `page` showing GAN Studio on a fresh library: by default the renderer in Chromium
 * over the local bridge (a real `gan-studio serve` process); with E2E_TARGET=electron the real app.
 */
import { test as base, _electron, type Page } from '@playwright/test'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const repoRoot = join(import.meta.dirname, '..', '..')

function startBridge(library: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn('npx', ['tsx', 'src-main/cli/index.ts', 'serve', '--library', library], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] })
  return new Promise((resolve, reject) => {
    let output = ''
    const timer = setTimeout(() => reject(new Error(`bridge did not start:\n${output}`)), 60_000)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const match = /served at (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(output)
      if (match) {
        clearTimeout(timer)
        resolve({ url: match[1]!, child })
      }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    child.once('exit', (code) => reject(new Error(`bridge exited with ${code}:\n${output}`)))
  })
}

export const test = base.extend<{ library: string }>({
  library: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'gan-studio-e2e-'))
    await use(dir)
    rmSync(dir, { recursive: true, force: true })
  },
  page: async ({ page, library }, use, testInfo) => {
    let target: Page = page
    let close = async () => {}
    if (process.env.E2E_TARGET === 'electron') {
      const app = await _electron.launch({ args: [repoRoot], env: { ...process.env, GAN_STUDIO_HOME: library } })
      target = await app.firstWindow()
      close = () => app.close()
    } else {
      const { url, child } = await startBridge(library)
      await page.goto(url)
      close = async () => {
        child.kill('SIGTERM')
        await new Promise((resolve) => child.once('exit', resolve))
      }
    }
    await use(target)
    await target.screenshot({ path: testInfo.outputPath('final.png') }).catch(() => {})
    await close()
  }
})

export { expect } from '@playwright/test'
