import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import type { Library } from '../../src-main/library/library'
import type { NewVersion } from '../../src-main/library/image-versions'
import { sidewaysJpeg } from '../imaging/fixtures'
import { copyPhoto, filesUnder, openLibrary, sha256Of, tempDir } from './fixtures'

const params = { strength: 0.75, provider: 'cpu' as const }

async function pngVersion(width: number, height: number, colour = '#336699'): Promise<NewVersion> {
  const bytes = await sharp({ create: { width, height, channels: 3, background: colour } }).png().toBuffer()
  return { bytes, format: 'png', width, height, modelId: 'style', params }
}

async function libraryWithImages(count: number): Promise<{ root: string; library: Library; ids: number[] }> {
  const root = tempDir()
  const src = tempDir()
  const library = openLibrary(root)
  const report = await library.importSources(Array.from({ length: count }, (_, i) => ({ path: copyPhoto(i, join(src, `${i}.jpg`)) })))
  return { root, library, ids: report.imported.map((image) => image.id) }
}

describe('image versions', () => {
  it('adds versions beside the original and lists them oldest first', async () => {
    const { root, library, ids } = await libraryWithImages(1)
    const first = await library.versions.add(ids[0]!, await pngVersion(40, 30))
    const second = await library.versions.add(ids[0]!, await pngVersion(40, 30, '#ff0000'))

    expect(library.versions.list(ids[0]!)).toEqual([first, second])
    expect(first).toMatchObject({ imageId: ids[0], modelId: 'style', params, width: 40, height: 30, format: 'png' })
    expect(filesUnder(join(root, 'versions'))).toEqual([first, second].map((v) => join(v.sha256.slice(0, 2), `${v.sha256}.png`)).sort())
    expect(sha256Of(library.versions.file(first.id))).toBe(first.sha256)
  })

  it('stores nothing when aborted before the row is written, or when the image is unknown', async () => {
    const { root, library, ids } = await libraryWithImages(1)
    const aborted = AbortSignal.abort()
    await expect(library.versions.add(ids[0]!, await pngVersion(8, 8), aborted)).rejects.toThrow()
    await expect(library.versions.add(9999, await pngVersion(8, 8))).rejects.toMatchObject({ code: 'not-found' })
    expect(library.versions.list(ids[0]!)).toEqual([])
    expect(filesUnder(join(root, 'versions'))).toEqual([])
  })

  it('exports a version and the original to each format, upright, with the original metadata', async () => {
    const root = tempDir()
    const library = openLibrary(root)
    const src = join(tempDir(), 'sideways.jpg')
    writeFileSync(src, await sidewaysJpeg())
    const imageId = (await library.importSources([{ path: src }])).imported[0]!.id
    const version = await library.versions.add(imageId, await pngVersion(40, 60))
    const out = tempDir()

    for (const format of ['png', 'jpeg', 'webp', 'tiff'] as const) {
      const path = await library.versions.export({ imageId, versionId: version.id, targetPath: join(out, `v.${format}`), format, quality: 80 })
      expect(await sharp(path).metadata()).toMatchObject({ format, width: 40, height: 60 })
      const original = await library.versions.export({ imageId, targetPath: join(out, `o.${format}`), format })
      expect(await sharp(original).metadata()).toMatchObject({ format, width: 40, height: 60 })
    }
    const jpeg = await sharp(join(out, 'v.jpeg')).metadata()
    expect(jpeg.exif).toBeDefined()
    expect(jpeg.orientation ?? 1).toBe(1)
    expect(filesUnder(out).sort()).toEqual(['o.jpeg', 'o.png', 'o.tiff', 'o.webp', 'v.jpeg', 'v.png', 'v.tiff', 'v.webp'])
  })

  it('refuses exports into the library folder and versions of another image', async () => {
    const { root, library, ids } = await libraryWithImages(2)
    const version = await library.versions.add(ids[0]!, await pngVersion(8, 8))
    await expect(library.versions.export({ imageId: ids[0]!, versionId: version.id, targetPath: join(root, 'x.png'), format: 'png' })).rejects.toMatchObject({ code: 'invalid-target' })
    await expect(library.versions.export({ imageId: ids[1]!, versionId: version.id, targetPath: join(tempDir(), 'x.png'), format: 'png' })).rejects.toMatchObject({ code: 'not-found' })
  })

  it('replaces an existing file only when told to', async () => {
    const { library, ids } = await libraryWithImages(1)
    const version = await library.versions.add(ids[0]!, await pngVersion(8, 8))
    const target = join(tempDir(), 'mine.png')
    writeFileSync(target, 'a file the user keeps')
    await expect(library.versions.export({ imageId: ids[0]!, versionId: version.id, targetPath: target, format: 'png' })).rejects.toMatchObject({ code: 'exists' })
    expect(readFileSync(target, 'utf8')).toBe('a file the user keeps')
    await library.versions.export({ imageId: ids[0]!, versionId: version.id, targetPath: target, format: 'png', overwrite: true })
    expect(await sharp(target).metadata()).toMatchObject({ format: 'png', width: 8, height: 8 })
  })

  it('emptying the trash removes versions and their files, keeping files other versions share', async () => {
    const { root, library, ids } = await libraryWithImages(2)
    const shared = await pngVersion(16, 16)
    const own = await library.versions.add(ids[0]!, await pngVersion(16, 16, '#00ff00'))
    await library.versions.add(ids[0]!, shared)
    const kept = await library.versions.add(ids[1]!, shared)

    library.trash([ids[0]!])
    expect(library.emptyTrash()).toBe(1)

    expect(existsSync(library.versions.file(kept.id))).toBe(true)
    expect(() => library.versions.file(own.id)).toThrow(/not in the library/)
    expect(filesUnder(join(root, 'versions'))).toEqual([join(kept.sha256.slice(0, 2), `${kept.sha256}.png`)])
  })

  it('sweeps version files a crash left without a row when the library reopens', async () => {
    const { root, library, ids } = await libraryWithImages(1)
    const version = await library.versions.add(ids[0]!, await pngVersion(16, 16))
    library.close()
    // A crash after the file was written but before its row, and one in the middle of the atomic write.
    const orphan = 'cd'.repeat(32)
    mkdirSync(join(root, 'versions', 'cd'), { recursive: true })
    writeFileSync(join(root, 'versions', 'cd', `${orphan}.png`), (await pngVersion(4, 4)).bytes)
    writeFileSync(join(root, 'versions', 'cd', `.${orphan}.png.1234abcd.tmp`), 'half written')

    const reopened = openLibrary(root)

    expect(filesUnder(join(root, 'versions'))).toEqual([join(version.sha256.slice(0, 2), `${version.sha256}.png`)])
    expect(reopened.versions.list(ids[0]!)).toEqual([version])
  })
})
