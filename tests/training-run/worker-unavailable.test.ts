import { cpSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../helpers/temp-dir'
import { photoFolders, REPO, TINY } from './run-fixtures'

/**
 * The studio's source copied beside a node_modules that lacks tsx, run with tsx loaded by absolute path: the main
 * thread runs, but the training worker cannot be created (`import.meta.resolve('tsx/esm/api')` throws), as when a
 * packaged app misses its worker entry.
 */
function studioWithoutTsx(root: string): string {
  for (const folder of ['src-main', 'src-preload', 'models']) cpSync(join(REPO, folder), join(root, folder), { recursive: true })
  cpSync(join(REPO, 'package.json'), join(root, 'package.json'))
  mkdirSync(join(root, 'node_modules'))
  for (const name of readdirSync(join(REPO, 'node_modules'))) {
    if (name !== 'tsx' && name !== '.bin') symlinkSync(join(REPO, 'node_modules', name), join(root, 'node_modules', name))
  }
  return root
}

const PROBE = `
import { createDispatcher } from './src-main/contract-dispatch'
import { createStudio } from './src-main/studio'
const [library, a, b, overrides] = process.argv.slice(2)
const studio = createStudio({ libraryRoot: library, door: 'cli' })
const call = createDispatcher(studio.handlers)
const within = (ms, p) => Promise.race([p, new Promise((r) => setTimeout(() => r('hung'), ms))])
const start = (name) => call('training:start', { name, data: { mode: 'cyclegan', a, b }, preset: 'fast', overrides: JSON.parse(overrides) })
const { value } = await start('x')
await new Promise((r) => setTimeout(r, 500))
const paused = await within(5000, call('training:pause', { id: value.run.id }).then((r) => r.ok ? r.value.run.status : r.error.code))
const row = studio.library.trainingRuns.get(value.run.id)
const again = await start('y').then((r) => r.ok ? 'started' : r.error.code)
const closed = await within(5000, studio.close().then(() => 'closed'))
console.log(JSON.stringify({ paused, status: row.status, error: row.error, again, closed }))
process.exit(0)
`

describe('a training worker that cannot start', () => {
  it('fails the run with the reason, frees the slot, and lets pause and close return', async () => {
    const root = studioWithoutTsx(tempDir())
    writeFileSync(join(root, 'probe.ts'), PROBE)
    const folders = photoFolders(tempDir())
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', join(REPO, 'node_modules/tsx/dist/loader.mjs'), 'probe.ts', join(root, 'library'), folders.a, folders.b, JSON.stringify(TINY)], { cwd: root, timeout: 50_000 })
    const outcome = JSON.parse(stdout.trim().split('\n').pop()!) as Record<string, string>
    expect(outcome).toMatchObject({ status: 'failed', error: expect.stringMatching(/tsx/), closed: 'closed' })
    expect(outcome.paused).not.toBe('hung')
    expect(outcome.again).not.toBe('busy')
  })
})
