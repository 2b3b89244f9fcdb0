import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import { beforeEach, describe, expect, it } from 'vitest'
import type { Version } from '../../src-preload/contract'
import { mediaPaths } from '../../src-preload/contract'
import type { Library } from '../../src-main/library/library'
import { copyPhoto, openLibrary, tempDir } from './fixtures'

/** A version as a model would leave it: a PNG of a different size than the original. */
async function addVersion(library: Library, imageId: number, width: number, height: number): Promise<Version> {
  const bytes = await sharp({ create: { width, height, channels: 3, background: { r: 200, g: 40, b: 90 } } }).png().toBuffer()
  return library.versions.add(imageId, { bytes, format: 'png', width, height, modelId: 'style', params: { strength: 1 } })
}

describe('deep zoom of versions', () => {
  let library: Library
  let id: number
  let otherId: number
  let version: Version

  beforeEach(async () => {
    library = openLibrary(tempDir())
    const dir = tempDir()
    const report = await library.importSources([{ path: copyPhoto(0, join(dir, 'a.jpg')) }, { path: copyPhoto(1, join(dir, 'b.jpg')) }])
    ;[id, otherId] = report.imported.map((image) => image.id) as [number, number]
    version = await addVersion(library, id, 700, 300)
  })

  it("builds the version's own pyramid and serves its tiles under version-tile/", async () => {
    const info = await library.deepZoom(id, version.id)
    expect(info).toMatchObject({ width: 700, height: 300, format: 'jpeg' })
    expect(await library.deepZoom(id, version.id)).toEqual(info)
    const top = info.levels - 1
    const tile = library.mediaFile(mediaPaths.versionTile(version.sha256, top, 1, 0, info.format))
    expect(tile).toBe(join(library.root, 'cache', 'version-tiles', version.sha256, 'tiles_files', String(top), `1_0.jpeg`))
    expect(existsSync(tile!)).toBe(true)
    expect(await sharp(tile!).metadata()).toMatchObject({ width: 700 - 512, height: 300 })
    const original = await library.deepZoom(id)
    expect(original).not.toEqual(info)
    expect(library.mediaFile(mediaPaths.tile(version.sha256, top, 0, 0, info.format))).toBeNull()
  })

  it.each([
    ['a version tile before its pyramid was opened', (v: Version) => mediaPaths.versionTile(v.sha256, 0, 0, 0, 'jpeg')],
    ['an unknown sha', () => mediaPaths.versionTile('0'.repeat(64), 0, 0, 0, 'jpeg')],
    ['the version file itself', (v: Version) => `versions/${v.sha256.slice(0, 2)}/${v.sha256}.png`],
    ['a parent-folder escape', (v: Version) => `version-tile/${v.sha256}/../../library.sqlite`],
    ['an escape after the level', (v: Version) => `version-tile/${v.sha256}/0/../../0_0.jpeg`],
    ['an encoded slash', (v: Version) => `version-tile%2F${v.sha256}/0/0_0.jpeg`],
    ['a leading zero', (v: Version) => `version-tile/${v.sha256}/00/0_0.jpeg`],
    ['an upper-case sha', (v: Version) => mediaPaths.versionTile(v.sha256.toUpperCase(), 0, 0, 0, 'jpeg')],
    ['an absolute path', (v: Version) => `/version-tile/${v.sha256}/0/0_0.jpeg`]
  ])('refuses %s', async (_label, pathOf) => {
    if (!_label.includes('before')) await library.deepZoom(id, version.id)
    expect(library.mediaFile(pathOf(version))).toBeNull()
  })

  it("refuses a version of another image, or one that does not exist, with 'not-found'", async () => {
    await expect(library.deepZoom(otherId, version.id)).rejects.toMatchObject({ code: 'not-found' })
    await expect(library.deepZoom(id, 9999)).rejects.toMatchObject({ code: 'not-found' })
    await expect(library.deepZoom(9999, version.id)).rejects.toMatchObject({ code: 'not-found' })
  })

  it('removes version pyramids with their image when the trash is emptied, and stops serving them', async () => {
    const info = await library.deepZoom(id, version.id)
    const tile = mediaPaths.versionTile(version.sha256, info.levels - 1, 0, 0, info.format)
    expect(library.mediaFile(tile)).not.toBeNull()
    library.trash([id])
    library.emptyTrash()
    expect(library.mediaFile(tile)).toBeNull()
    expect(existsSync(join(library.root, 'cache', 'version-tiles', version.sha256))).toBe(false)
  })

  it('sweeps pyramids of unknown versions at open and keeps those of known ones', async () => {
    await library.deepZoom(id, version.id)
    const root = library.root
    const stray = join(root, 'cache', 'version-tiles', 'f'.repeat(64))
    mkdirSync(stray, { recursive: true })
    writeFileSync(join(stray, 'info.json'), '{}')
    library.close()
    const reopened = openLibrary(root)
    expect(existsSync(stray)).toBe(false)
    expect(existsSync(join(root, 'cache', 'version-tiles', version.sha256, 'info.json'))).toBe(true)
    expect(await reopened.deepZoom(id, version.id)).toMatchObject({ width: 700, height: 300 })
  })
})
