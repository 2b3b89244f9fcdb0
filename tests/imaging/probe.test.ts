import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { ImageError, type ImageErrorCode } from '../../src-main/imaging'
import { tempDir } from '../helpers/temp-dir'
import { halve, noise, probe, rgb16, rgb16Png, save, sidewaysJpeg, solid } from './fixtures'

async function failure(input: string | Buffer, opts?: { maxPixels?: number }): Promise<ImageError> {
  const err = await probe(input, opts).then(
    () => null,
    (e: unknown) => e
  )
  expect(err).toBeInstanceOf(ImageError)
  return err as ImageError
}

async function expectCode(input: string | Buffer, code: ImageErrorCode): Promise<ImageError> {
  const err = await failure(input)
  expect(err.code).toBe(code)
  return err
}

describe('inspecting an image', () => {
  it('reports size after EXIF orientation', async () => {
    const info = await probe(await sidewaysJpeg())
    expect(info).toMatchObject({ format: 'jpeg', width: 40, height: 60, orientation: 6, depth: 8, space: 'srgb', channels: 3 })
  })

  it('describes 16-bit, CMYK, greyscale, alpha and AVIF images', async () => {
    expect(await probe(await rgb16Png(rgb16(8, 8)))).toMatchObject({ format: 'png', depth: 16, space: 'srgb', channels: 3 })
    const cmyk = await solid(16, 16, '#c83232').toColourspace('cmyk').jpeg().toBuffer()
    expect(await probe(cmyk)).toMatchObject({ space: 'cmyk', channels: 4, hasAlpha: false })
    const grey = await solid(16, 16, '#646464').toColourspace('b-w').png().toBuffer()
    expect(await probe(grey)).toMatchObject({ space: 'b-w', channels: 1 })
    const rgba = await solid(16, 16, { r: 1, g: 2, b: 3, alpha: 0.5 }, 4).png().toBuffer()
    expect(await probe(rgba)).toMatchObject({ channels: 4, hasAlpha: true, hasProfile: false })
    expect(await probe(await noise(32, 32).avif().toBuffer())).toMatchObject({ format: 'avif', width: 32 })
  })

  it('fails a truncated JPEG whose header alone looks fine', async () => {
    const path = save(tempDir(), 'cut.jpg', halve(await noise(600, 400).jpeg().toBuffer()))
    expect((await sharp(path).metadata()).width).toBe(600)
    const err = await expectCode(path, 'truncated')
    expect(err.message).toBe('truncated JPEG: the file ends before the image data does')
  })

  it('calls a PNG missing its end truncated, and a WebP shorter than its header says truncated', async () => {
    await expectCode(halve(await noise(400, 300).png().toBuffer()), 'truncated')
    await expectCode(halve(await noise(400, 300).webp().toBuffer()), 'truncated')
  })

  it('calls a whole PNG with scrambled pixel data damaged', async () => {
    const png = Buffer.from(await noise(400, 300).png().toBuffer())
    for (let i = Math.floor(png.length * 0.4); i < png.length * 0.45; i++) png[i] = (i * 13) & 255
    const err = await expectCode(png, 'corrupt')
    expect(err.message).toBe('damaged PNG: the image data cannot be decoded')
  })

  it('rejects random bytes and text as not an image', async () => {
    const dir = tempDir()
    const random = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251))
    const err = await expectCode(save(dir, 'photo.jpg', random), 'not-an-image')
    expect(err.message).toBe('not an image (no known image signature)')
    await expectCode(save(dir, 'notes.png', 'just some text\n'.repeat(50)), 'not-an-image')
  })

  it('rejects empty input', async () => {
    const err = await expectCode(save(tempDir(), 'empty.jpg', Buffer.alloc(0)), 'empty-file')
    expect(err.message).toBe('empty file (0 bytes)')
    await expectCode(Buffer.alloc(0), 'empty-file')
  })

  it('rejects folders and missing files as unreadable', async () => {
    const dir = tempDir()
    mkdirSync(join(dir, 'album.jpg'))
    expect((await expectCode(join(dir, 'album.jpg'), 'unreadable')).message).toBe('this is a folder, not a file')
    expect((await expectCode(join(dir, 'gone.jpg'), 'unreadable')).message).toBe('file not found')
  })

  it('names formats it recognises but will not decode', async () => {
    const bmp = Buffer.from('424d3a0000000000000036000000280000000100000001000000010018000000000004000000130b0000130b00000000000000000000ff000000', 'hex')
    expect((await expectCode(bmp, 'unsupported-format')).message).toBe('BMP images are not supported')
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>')
    expect((await expectCode(svg, 'unsupported-format')).message).toBe('SVG images are not supported')
  })

  it('refuses a decompression bomb before decoding it', async () => {
    const bomb = await sharp({ create: { width: 20000, height: 20000, channels: 3, background: '#fff' }, limitInputPixels: false })
      .png({ compressionLevel: 9 })
      .toBuffer()
    expect(bomb.length).toBeLessThan(2_000_000)
    const path = save(tempDir(), 'bomb.png', bomb)
    const err = await failure(path, { maxPixels: 100e6 })
    expect(err.code).toBe('too-many-pixels')
    expect(err.message).toBe('exceeds 100 megapixels (20000×20000)')
  })
})
