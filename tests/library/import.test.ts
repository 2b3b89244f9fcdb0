import { copyFileSync, existsSync, readFileSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { actualStoreFiles, copyPhoto, expectedStoreFiles, filesUnder, makeDirs, openLibrary, sha256Of, tempDir } from './fixtures'
import { FILES_IN_FLIGHT } from '../../src-main/library/import-sources'

/** Two loose photos and a folder holding a good photo, a truncated one, a text file, a duplicate, hidden files, system clutter and a linked folder. */
async function messySources(): Promise<{ src: string; sources: { path: string }[] }> {
  const src = tempDir('import-src-')
  const folder = join(src, 'folder')
  makeDirs(join(folder, 'sub'), join(folder, '.git'), join(src, 'elsewhere'))
  copyPhoto(0, join(src, 'a.jpg'))
  copyPhoto(1, join(src, 'b.jpg'))
  copyPhoto(2, join(folder, 'c.jpg'))
  const good = readFileSync(copyPhoto(3, join(src, 'whole.jpg')))
  writeFileSync(join(folder, 'corrupt.jpg'), good.subarray(0, Math.floor(good.length / 2)))
  writeFileSync(join(folder, 'notes.txt'), 'not a picture\n')
  copyPhoto(0, join(folder, 'dup.jpg'))
  copyPhoto(4, join(folder, '.hidden.jpg'))
  copyPhoto(5, join(folder, '.git', 'object.jpg'))
  writeFileSync(join(folder, 'Thumbs.db'), 'windows thumbnail cache')
  writeFileSync(join(folder, 'desktop.ini'), '[.ShellClassInfo]')
  await sharp({ create: { width: 40, height: 30, channels: 4, background: { r: 10, g: 200, b: 30, alpha: 0.5 } } }).png().toFile(join(folder, 'sub', 'd.png'))
  copyPhoto(6, join(src, 'elsewhere', 'linked.jpg'))
  symlinkSync(join(src, 'elsewhere'), join(folder, 'linked-folder'), 'dir')
  return { src, sources: [{ path: join(src, 'a.jpg') }, { path: join(src, 'b.jpg') }, { path: folder }] }
}

describe('importing', () => {
  it('imports the good files, reports each bad one precisely, and never touches the originals', async () => {
    const { src, sources } = await messySources()
    const before = Object.fromEntries(filesUnder(src).map((file) => [file, sha256Of(join(src, file))]))
    const library = openLibrary(tempDir())
    const progress: [number, number, string | undefined][] = []

    const report = await library.importSources(sources, { onProgress: (done, total, current) => progress.push([done, total, current]) })

    expect(report.imported.map((i) => i.name)).toEqual(['a.jpg', 'b.jpg', 'folder/c.jpg', 'folder/sub/d.png'])
    const idOf = Object.fromEntries(report.imported.map((i) => [i.name, i.id]))
    expect(report.duplicates).toEqual([{ name: 'folder/dup.jpg', existingId: idOf['a.jpg'] }])
    expect(report.failed.map(({ name, code }) => ({ name, code }))).toEqual([
      { name: 'folder/corrupt.jpg', code: 'truncated' },
      { name: 'folder/notes.txt', code: 'not-an-image' }
    ])
    for (const failure of report.failed) expect(failure.reason.length).toBeGreaterThan(5)
    expect(progress.at(-1)).toEqual([7, 7, 'folder/sub/d.png'])
    expect(progress.map(([done]) => done)).toEqual([0, 1, 2, 3, 4, 5, 6, 7])

    expect(Object.fromEntries(filesUnder(src).map((file) => [file, sha256Of(join(src, file))]))).toEqual(before)
    for (const { id, name } of report.imported) {
      const detail = library.get(id)
      const source = join(src, name)
      expect(detail.sha256).toBe(sha256Of(source))
      expect(detail.sourcePath).toBe(source)
      const ext = name.endsWith('.png') ? 'png' : 'jpg'
      const stored = join(library.root, 'originals', detail.sha256.slice(0, 2), `${detail.sha256}.${ext}`)
      expect(readFileSync(stored).equals(readFileSync(source))).toBe(true)
      expect(detail.bytes).toBe(statSync(source).size)
      const thumb = await sharp(join(library.root, 'thumbs', detail.sha256.slice(0, 2), `${detail.sha256}.webp`)).metadata()
      expect(thumb.format).toBe('webp')
      expect(Math.max(thumb.width ?? 0, thumb.height ?? 0)).toBeLessThanOrEqual(256)
    }
    const png = library.get(idOf['folder/sub/d.png'])
    expect(png).toMatchObject({ width: 40, height: 30, format: 'png', hasAlpha: true, depth: 8, trashed: false, tags: [], projectIds: [] })
    expect(actualStoreFiles(library.root)).toEqual(expectedStoreFiles(library.root))
  })

  it('reports everything as duplicates on a second import, and brings a trashed duplicate back', async () => {
    const { sources } = await messySources()
    const library = openLibrary(tempDir())
    const first = await library.importSources(sources)
    const a = first.imported[0].id
    expect(library.trash([a])).toBe(1)

    const again = await library.importSources(sources)

    expect(again.imported).toEqual([])
    expect(again.duplicates.map((d) => d.name)).toEqual(['a.jpg', 'b.jpg', 'folder/c.jpg', 'folder/dup.jpg', 'folder/sub/d.png'])
    expect(again.duplicates[0].existingId).toBe(a)
    expect(again.failed.map((f) => f.name)).toEqual(['folder/corrupt.jpg', 'folder/notes.txt'])
    expect(library.get(a).trashed).toBe(false)
    expect(library.list({ trashed: false, sort: 'newest', offset: 0, limit: 100 }).total).toBe(4)
  })

  it('files new images and duplicates in the project it is given, and refuses an unknown project', async () => {
    const src = tempDir()
    const library = openLibrary(tempDir())
    const [first] = (await library.importSources([{ path: copyPhoto(0, join(src, 'one.jpg')) }])).imported
    const project = library.createProject('Trip')

    const report = await library.importSources([{ path: join(src, 'one.jpg') }, { path: copyPhoto(1, join(src, 'two.jpg')) }], { projectId: project.id })

    expect(report.duplicates).toEqual([{ name: 'one.jpg', existingId: first.id }])
    expect(library.get(report.imported[0].id).projectIds).toEqual([project.id])
    expect(library.get(first.id).projectIds).toEqual([project.id])
    await expect(library.importSources([{ path: join(src, 'one.jpg') }], { projectId: 999 })).rejects.toMatchObject({ code: 'not-found' })
  })

  it('deletes staged uploads once processed, whatever the outcome, and records no source path for them', async () => {
    const library = openLibrary(tempDir())
    const staged = library.stagingPath()
    const stagedText = library.stagingPath()
    expect(staged.startsWith(join(library.root, 'staging'))).toBe(true)
    expect(staged).not.toBe(stagedText)
    copyPhoto(0, staged)
    writeFileSync(stagedText, 'hello')

    const report = await library.importSources([{ path: staged, name: 'upload.jpg' }, { path: stagedText, name: 'readme.txt' }])

    expect(report.imported.map((i) => i.name)).toEqual(['upload.jpg'])
    expect(report.failed).toMatchObject([{ name: 'readme.txt', code: 'not-an-image' }])
    expect(library.get(report.imported[0].id)).toMatchObject({ name: 'upload.jpg', sourcePath: null })
    expect(existsSync(staged)).toBe(false)
    expect(existsSync(stagedText)).toBe(false)
  })

  it('refuses files over 2 GB and reports missing sources', async () => {
    const src = tempDir()
    const huge = join(src, 'huge.jpg')
    writeFileSync(huge, '')
    truncateSync(huge, 2 * 1024 ** 3 + 1)
    const library = openLibrary(tempDir())

    const report = await library.importSources([{ path: huge }, { path: join(src, 'gone.jpg') }])

    expect(report.failed).toEqual([
      { name: 'gone.jpg', code: 'not-found', reason: expect.any(String) },
      { name: 'huge.jpg', code: 'too-large', reason: expect.stringContaining('2 GB') }
    ])
  })

  it('starts no new file once cancelled and keeps what it already imported', async () => {
    const src = tempDir()
    for (let i = 0; i < 12; i++) copyPhoto(i, join(src, `p${String(i).padStart(2, '0')}.jpg`))
    const library = openLibrary(tempDir())
    const controller = new AbortController()

    const report = await library.importSources([{ path: src }], {
      signal: controller.signal,
      onProgress: (done) => done === 3 && controller.abort()
    })

    // Files already being decoded when the cancel comes are finished, so at most FILES_IN_FLIGHT - 1 more.
    const names = report.imported.map((i) => i.name)
    expect(names.length).toBeGreaterThanOrEqual(3)
    expect(names.length).toBeLessThanOrEqual(3 + FILES_IN_FLIGHT - 1)
    expect(names).toEqual(Array.from({ length: names.length }, (_, i) => `${basename(src)}/p${String(i).padStart(2, '0')}.jpg`))
    expect(library.list({ trashed: false, sort: 'oldest', offset: 0, limit: 100 }).total).toBe(names.length)
    expect(actualStoreFiles(library.root)).toEqual(expectedStoreFiles(library.root))
  })

  it('runs two imports one after the other, so duplicates across them are caught', async () => {
    const src = tempDir()
    copyPhoto(0, join(src, 'x.jpg'))
    copyFileSync(join(src, 'x.jpg'), join(src, 'y.jpg'))
    const library = openLibrary(tempDir())

    const [first, second] = await Promise.all([library.importSources([{ path: join(src, 'x.jpg') }]), library.importSources([{ path: join(src, 'y.jpg') }])])

    expect(first.imported).toHaveLength(1)
    expect(second.duplicates).toEqual([{ name: 'y.jpg', existingId: first.imported[0].id }])
  })
})
