import { spawn } from 'node:child_process'
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { actualStoreFiles, copyPhoto, expectedStoreFiles, integrityCheck, openLibrary, rawDb, tempDir } from './fixtures'

const REPO = fileURLToPath(new URL('../..', import.meta.url))
const LIBRARY_MODULE = fileURLToPath(new URL('../../src-main/library/library.ts', import.meta.url))
const BETTER_SQLITE3 = createRequire(import.meta.url).resolve('better-sqlite3')

/** Runs a script in a child Node (TypeScript through tsx); `onLine` sees each stdout line and may kill it. */
function runChild(script: string, args: string[], onLine: (line: string, kill: () => void) => void = () => {}): Promise<NodeJS.Signals | null> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] })
    let buffered = ''
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString()
      const lines = buffered.split('\n')
      buffered = lines.pop()!
      for (const line of lines) onLine(line, () => child.kill('SIGKILL'))
    })
    child.on('error', reject)
    child.on('exit', (_code, signal) => resolvePromise(signal))
  })
}

/** Everything under the library folder a healthy library must hold and nothing else. */
function expectNoOrphans(root: string): void {
  expect(integrityCheck(root)).toBe('ok')
  expect(actualStoreFiles(root)).toEqual(expectedStoreFiles(root))
  expect(readdirSync(join(root, 'staging'))).toEqual([])
  const known = new Set(expectedStoreFiles(root).map((file) => file.split('/').pop()!.slice(0, 64)))
  for (const dir of readdirSync(join(root, 'cache', 'tiles'))) expect(known.has(dir)).toBe(true)
}

describe('crash safety', () => {
  it.each([0, 3, 12, 30])('leaves a consistent library when an import is killed %i ms after a file lands', async (delayMs) => {
    const root = tempDir()
    const src = tempDir()
    for (let i = 0; i < 16; i++) copyPhoto(i, join(src, `p${String(i).padStart(2, '0')}.jpg`))
    const script = join(tempDir(), 'import-child.mts')
    writeFileSync(
      script,
      `import { Library } from ${JSON.stringify(LIBRARY_MODULE)}
       const [root, src] = process.argv.slice(2)
       const library = Library.open({ root })
       await library.importSources([{ path: src }], { onProgress: (done) => console.log('done ' + done) })
       console.log('finished')`
    )

    const signal = await runChild(script, [root, src], (line, kill) => {
      if (line === 'done 4') setTimeout(kill, delayMs)
    })

    expect(signal).toBe('SIGKILL')
    const library = openLibrary(root)
    const total = library.list({ trashed: false, sort: 'oldest', offset: 0, limit: 100 }).total
    expect(total).toBeGreaterThanOrEqual(4)
    expect(total).toBeLessThan(16)
    expectNoOrphans(root)
    const rerun = await library.importSources([{ path: src }])
    expect(rerun.imported.length + rerun.duplicates.length).toBe(16)
    expectNoOrphans(root)
  })

  it('recovers from files without rows, rows deleted before their files, and a transaction cut off mid-way', async () => {
    const root = tempDir()
    const src = tempDir()
    const library = openLibrary(root)
    const report = await library.importSources([0, 1, 2].map((i) => ({ path: copyPhoto(i, join(src, `${i}.jpg`)) })))
    const [kept, victim] = report.imported.map((image) => library.get(image.id))
    await library.deepZoom(victim.id)
    library.close()
    const script = join(tempDir(), 'crash-child.cjs')
    writeFileSync(
      script,
      `const Database = require(${JSON.stringify(BETTER_SQLITE3)})
       const fs = require('node:fs'), path = require('node:path')
       const [root, victimId, photo] = process.argv.slice(2)
       const put = (rel, data) => { fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true }); fs.writeFileSync(path.join(root, rel), data) }
       const orphan = 'ab'.repeat(32)
       put('originals/ab/' + orphan + '.jpg', fs.readFileSync(photo))
       put('thumbs/ab/' + orphan + '.webp', 'thumb')
       put('originals/ab/.' + orphan + '.jpg.tmp-1234', 'half written')
       put('thumbs/zz/stray', 'x')
       put('staging/upload-in-flight', 'partial upload')
       put('cache/tiles/' + orphan + '/0/0_0.jpeg', 'tile')
       put('cache/tiles/.' + orphan + '.tmp-99/0/0_0.jpeg', 'tile')
       const db = new Database(path.join(root, 'library.sqlite'))
       db.pragma('cache_size = 2')
       db.prepare('DELETE FROM images WHERE id = ?').run(Number(victimId))
       db.exec('BEGIN')
       const insert = db.prepare("INSERT INTO images (sha256, name, ext, width, height, format, space, depth, has_alpha, bytes, imported_at) VALUES (?, 'ghost', 'jpg', 1, 1, 'jpeg', 'srgb', 8, 0, 1, '2024')")
       for (let i = 0; i < 20000; i++) insert.run(String(i).padStart(64, 'f'))
       db.prepare("UPDATE images SET name = 'clobbered'").run()
       console.log('mid-transaction')
       process.kill(process.pid, 'SIGKILL')`
    )

    const signal = await runChild(script, [root, String(victim.id), join(src, '2.jpg')])

    expect(signal).toBe('SIGKILL')
    const reopened = openLibrary(root)
    expectNoOrphans(root)
    const names = reopened.list({ trashed: false, sort: 'oldest', offset: 0, limit: 100 }).items.map((image) => image.name)
    expect(names).toEqual([kept.name, '2.jpg'])
    expect(rawDb(root).prepare("SELECT count(*) FROM images WHERE name IN ('ghost', 'clobbered')").pluck().get()).toBe(0)
  })

  it('sweeps a tile folder left by an interrupted build', () => {
    const root = tempDir()
    openLibrary(root).close()
    mkdirSync(join(root, 'cache', 'tiles', 'not-a-sha', '0'), { recursive: true })
    writeFileSync(join(root, 'cache', 'tiles', 'not-a-sha', '0', '0_0.jpeg'), 'x')
    openLibrary(root)
    expect(readdirSync(join(root, 'cache', 'tiles'))).toEqual([])
  })
})
