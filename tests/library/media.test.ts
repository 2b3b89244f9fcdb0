import { join, resolve } from 'node:path'
import { existsSync } from 'node:fs'
import { mediaPaths } from '../../src-preload/contract'
import { beforeEach, describe, expect, it } from 'vitest'
import type { Library } from '../../src-main/library/library'
import { copyPhoto, openLibrary, tempDir } from './fixtures'

describe('media files and deep zoom', () => {
  let library: Library
  let id: number
  let sha: string

  beforeEach(async () => {
    library = openLibrary(tempDir())
    const [image] = (await library.importSources([{ path: copyPhoto(0, join(tempDir(), 'photo.jpg')) }])).imported
    id = image.id
    sha = library.get(id).sha256
  })

  it('resolves a thumbnail to a real file inside the library', () => {
    const file = library.mediaFile(mediaPaths.thumb(sha))
    expect(file).toBe(join(library.root, 'thumbs', sha.slice(0, 2), `${sha}.webp`))
    expect(existsSync(file!)).toBe(true)
  })

  it.each([
    ['a parent-folder escape', '../library.sqlite'],
    ['an escape behind a valid prefix', `thumb/../library.sqlite`],
    ['an escape after a valid name', `thumb/${'a'.repeat(64)}.webp/../../library.sqlite`],
    ['an absolute path', '/etc/passwd'],
    ['an absolute path inside the library', resolve('/', 'thumb', `${'0'.repeat(64)}.webp`)],
    ['an unknown sha', `thumb/${'0'.repeat(64)}.webp`],
    ['a short sha', 'thumb/abc.webp'],
    ['an upper-case sha', `thumb/${'A'.repeat(64)}.webp`],
    ['a wrong extension', 'thumb/SHA.png'],
    ['a backslash', 'thumb\\SHA.webp'],
    ['an encoded slash', 'thumb%2FSHA.webp'],
    ['a trailing newline', 'thumb/SHA.webp\n'],
    ['the original itself', 'originals/SHA.jpg'],
    ['a tile before deep zoom was opened', 'tile/SHA/0/0_0.jpeg'],
    ['an empty path', '']
  ])('refuses %s', (_label, path) => {
    expect(library.mediaFile(path.replace('SHA', sha))).toBeNull()
  })

  it('builds the tile pyramid once and serves its tiles', async () => {
    const info = await library.deepZoom(id)
    const detail = library.get(id)
    expect(info).toMatchObject({ width: detail.width, height: detail.height })
    expect(await library.deepZoom(id)).toEqual(info)
    const top = info.levels - 1
    const tile = library.mediaFile(mediaPaths.tile(sha, top, 0, 0, info.format))
    expect(tile).not.toBeNull()
    expect(tile!.startsWith(join(library.root, 'cache', 'tiles', sha) + '/')).toBe(true)
    expect(existsSync(tile!)).toBe(true)
    const otherFormat = info.format === 'jpeg' ? 'webp' : 'jpeg'
    expect(library.mediaFile(mediaPaths.tile(sha, top, 0, 0, otherFormat))).toBeNull()
    expect(library.mediaFile(mediaPaths.tile(sha, info.levels, 0, 0, info.format))).toBeNull()
    expect(library.mediaFile(mediaPaths.tile(sha, top, 9999, 0, info.format))).toBeNull()
    expect(library.mediaFile(`tile/${sha}/../${top}/0_0.${info.format}`)).toBeNull()
    expect(library.mediaFile(`tile/${sha}/0${top}/0_0.${info.format}`)).toBeNull()
  })

  it('shares one build between concurrent requests and stops serving tiles of an emptied image', async () => {
    const [first, second] = await Promise.all([library.deepZoom(id), library.deepZoom(id)])
    expect(second).toEqual(first)
    library.trash([id])
    library.emptyTrash()
    expect(library.mediaFile(mediaPaths.tile(sha, first.levels - 1, 0, 0, first.format))).toBeNull()
    expect(library.mediaFile(mediaPaths.thumb(sha))).toBeNull()
    await expect(library.deepZoom(id)).rejects.toMatchObject({ code: 'not-found' })
  })
})
