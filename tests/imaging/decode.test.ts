import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { decodeImage, encodeImage, ImageError } from '../../src-main/imaging'
import { tempDir } from '../helpers/temp-dir'
import { halve, noise, pixelAt, rgb16, rgb16Png, save, sidewaysJpeg, solid, srgbProfile, withEmbeddedProfile } from './fixtures'

const near = (actual: number[], expected: number[], tolerance: number) =>
  actual.forEach((value, i) => expect(Math.abs(value - expected[i])).toBeLessThanOrEqual(tolerance))

describe('decodeImage', () => {
  it('applies EXIF orientation', async () => {
    const image = await decodeImage(await sidewaysJpeg())
    expect([image.width, image.height, image.channels, image.depth]).toEqual([40, 60, 3, 8])
    near(pixelAt(image, 20, 5), [255, 0, 0], 40)
    near(pixelAt(image, 20, 55), [0, 0, 255], 40)
  })

  it('keeps all 16 bits of a 16-bit PNG', async () => {
    const source = rgb16(16, 8)
    const image = await decodeImage(await rgb16Png(source), { depth: 16 })
    expect([image.depth, image.channels, image.data.length]).toEqual([16, 3, 16 * 8 * 3 * 2])
    expect(image.data.equals(source.data)).toBe(true)
    expect(Math.max(...pixelAt(image, 5, 5))).toBeGreaterThan(255)
  })

  it('reduces 16-bit to 8-bit unless asked for 16', async () => {
    const source = rgb16(4, 4)
    const image = await decodeImage(await rgb16Png(source))
    expect(image.depth).toBe(8)
    near(pixelAt(image, 1, 1), pixelAt(source, 1, 1).map((v) => v / 257), 1)
  })

  it('returns sRGB for a 16-bit PNG with an embedded profile, where sharp alone gives Display P3', async () => {
    const red = { data: Buffer.alloc(4 * 4 * 3 * 2), width: 4, height: 4, channels: 3, depth: 16 } as const
    for (let i = 0; i < 16; i++) red.data.writeUInt16LE(60000, i * 6)
    const tagged = withEmbeddedProfile(await rgb16Png(red), await srgbProfile())
    expect((await sharp(tagged).metadata()).hasProfile).toBe(true)
    // Through Display P3 and back; sharp alone returns about [55036, 11769, 7746].
    near(pixelAt(await decodeImage(tagged, { depth: 16 }), 0, 0), [60000, 0, 0], 1500)
    expect(pixelAt(await decodeImage(tagged), 0, 0)).toEqual([233, 0, 0])
  })

  it('converts greyscale and CMYK to sRGB when channels are forced', async () => {
    const grey = await solid(8, 8, '#646464').toColourspace('b-w').png().toBuffer()
    expect((await decodeImage(grey)).channels).toBe(1)
    const asRgb = await decodeImage(grey, { channels: 3 })
    expect([asRgb.channels, ...pixelAt(asRgb, 3, 3)]).toEqual([3, 100, 100, 100])
    const cmyk = await solid(8, 8, '#c83232').toColourspace('cmyk').jpeg({ quality: 100 }).toBuffer()
    const fromCmyk = await decodeImage(cmyk, { channels: 3 })
    expect(fromCmyk.channels).toBe(3)
    const [r, g, b] = pixelAt(fromCmyk, 4, 4)
    expect(r).toBeGreaterThan(150)
    expect(Math.max(g, b)).toBeLessThan(80)
  })

  it('keeps the alpha of greyscale images, which sharp drops from 8-bit raw output', async () => {
    const greyAlpha = await solid(8, 8, { r: 100, g: 100, b: 100, alpha: 0.5 }, 4).toColourspace('b-w').png().toBuffer()
    const image = await decodeImage(greyAlpha)
    expect([image.channels, image.depth, ...pixelAt(image, 2, 2)]).toEqual([2, 8, 100, 128])
    const png = await encodeImage(image, { format: 'png' })
    expect((await sharp(png).metadata()).channels).toBe(2)
    expect((await decodeImage(png)).data.equals(image.data)).toBe(true)
  })

  it('keeps alpha, drops it on request, and adds it on request', async () => {
    const rgba = await solid(8, 8, { r: 10, g: 20, b: 30, alpha: 0.5 }, 4).png().toBuffer()
    expect(pixelAt(await decodeImage(rgba), 0, 0)).toEqual([10, 20, 30, 128])
    expect((await decodeImage(rgba, { channels: 3 })).channels).toBe(3)
    const opaque = await decodeImage(await solid(8, 8, '#102030').png().toBuffer(), { channels: 4, depth: 16 })
    expect(pixelAt(opaque, 0, 0)[3]).toBe(65535)
  })

  it('fails a truncated file with an ImageError, not a libvips message', async () => {
    const path = save(tempDir(), 'cut.jpg', halve(await noise(600, 400).jpeg().toBuffer()))
    await expect(decodeImage(path)).rejects.toMatchObject({ code: 'truncated' })
    await expect(decodeImage(path)).rejects.toBeInstanceOf(ImageError)
  })

  it('enforces the pixel limit', async () => {
    const png = await solid(100, 100, '#fff').png().toBuffer()
    await expect(decodeImage(png, { maxPixels: 5000 })).rejects.toMatchObject({
      code: 'too-many-pixels',
      message: 'exceeds 0.005 megapixels (100×100)'
    })
  })
})
