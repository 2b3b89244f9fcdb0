import { mkdirSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { ImageError, toImageError } from '../../src-main/imaging'
import { tempDir } from '../helpers/temp-dir'
import { halve, noise, save, solid } from './fixtures'

/** The error sharp itself throws for `work`. */
async function sharpFailure(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work()
  } catch (err) {
    return err
  }
  throw new Error('sharp accepted the input')
}

function expectUserFacing(err: ImageError): void {
  expect(err).toBeInstanceOf(ImageError)
  expect(err.message).not.toMatch(/vips|libpng|\n|\bat /i)
  expect(err.message.length).toBeLessThan(80)
}

describe('toImageError on real sharp failures', () => {
  it('names a truncated JPEG', async () => {
    const cut = halve(await noise(400, 300).jpeg().toBuffer())
    const err = toImageError(await sharpFailure(() => sharp(cut, { failOn: 'truncated' }).raw().toBuffer()))
    expect(err.code).toBe('truncated')
    expect(err.message).toBe('truncated JPEG: the file ends before the image data does')
    expectUserFacing(err)
  })

  it('calls a truncated PNG damaged from the message alone, truncated once the missing end is known', async () => {
    const cut = halve(await noise(400, 300).png().toBuffer())
    const failure = await sharpFailure(() => sharp(cut, { failOn: 'truncated' }).raw().toBuffer())
    expect(toImageError(failure).code).toBe('corrupt')
    expect(toImageError(failure).message).toBe('damaged PNG: the image data cannot be decoded')
    const err = toImageError(failure, { format: 'png', endsEarly: true })
    expect(err.code).toBe('truncated')
    expectUserFacing(err)
  })

  it('says random bytes are not an image', async () => {
    const random = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251))
    const err = toImageError(await sharpFailure(() => sharp(random).metadata()))
    expect(err.code).toBe('not-an-image')
    expect(err.message).toBe('not an image (no known image signature)')
  })

  it('says a recognised format without a decoder is unsupported', async () => {
    const err = toImageError(await sharpFailure(() => sharp(Buffer.from('BM not really a bitmap')).metadata()), { format: 'bmp' })
    expect(err.code).toBe('unsupported-format')
    expect(err.message).toBe('BMP images are not supported')
  })

  it('maps the pixel limit', async () => {
    const png = await solid(200, 200, '#fff').png().toBuffer()
    const err = toImageError(await sharpFailure(() => sharp(png, { limitInputPixels: 100 }).raw().toBuffer()))
    expect(err.code).toBe('too-many-pixels')
  })

  it('maps an empty buffer, a missing file and a folder', async () => {
    const dir = tempDir()
    expect(toImageError(await sharpFailure(() => sharp(Buffer.alloc(0)).metadata())).code).toBe('empty-file')
    const missing = toImageError(await sharpFailure(() => sharp(join(dir, 'gone.jpg')).metadata()))
    expect([missing.code, missing.message]).toEqual(['unreadable', 'file not found'])
    mkdirSync(join(dir, 'folder.jpg'))
    const folder = toImageError(await sharpFailure(() => readFile(join(dir, 'folder.jpg'))))
    expect([folder.code, folder.message]).toEqual(['unreadable', 'this is a folder, not a file'])
  })

  it('keeps the original failure as the cause and passes ImageErrors through', async () => {
    const dir = tempDir()
    const path = save(dir, 'note.txt', 'hello')
    const failure = await sharpFailure(() => sharp(path).metadata())
    const err = toImageError(failure)
    expect(err.cause).toBe(failure)
    expect(toImageError(err)).toBe(err)
  })
})
