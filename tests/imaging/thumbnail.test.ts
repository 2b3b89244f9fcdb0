import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { inspectWithThumbnail } from '../../src-main/imaging'
import { noise, sidewaysJpeg, solid, thumbnail } from './fixtures'

describe('thumbnails', () => {
  it('fits inside 256×256 as WebP', async () => {
    const meta = await sharp(await thumbnail(await noise(1000, 500).jpeg().toBuffer())).metadata()
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', 256, 128])
  })

  it('is upright, honours the size asked for, and never enlarges', async () => {
    const upright = await sharp(await thumbnail(await sidewaysJpeg(), 30)).metadata()
    expect([upright.width, upright.height]).toEqual([20, 30])
    const small = await sharp(await thumbnail(await sidewaysJpeg())).metadata()
    expect([small.width, small.height]).toEqual([40, 60])
  })

  it('keeps alpha and converts CMYK to sRGB', async () => {
    const rgba = await solid(300, 300, { r: 0, g: 128, b: 0, alpha: 0.25 }, 4).png().toBuffer()
    expect((await sharp(await thumbnail(rgba)).metadata()).hasAlpha).toBe(true)
    const cmyk = await solid(300, 300, '#c83232').toColourspace('cmyk').jpeg().toBuffer()
    const meta = await sharp(await thumbnail(cmyk)).metadata()
    expect([meta.space, meta.channels]).toEqual(['srgb', 3])
  })
})

describe('inspectWithThumbnail', () => {
  it('describes the image and makes its thumbnail in one decode', async () => {
    const { info, thumbnail } = await inspectWithThumbnail(await sidewaysJpeg())
    expect(info).toMatchObject({ format: 'jpeg', width: 40, height: 60, orientation: 6, depth: 8 })
    expect((await sharp(thumbnail).metadata()).format).toBe('webp')
  })

  it('refuses a truncated file', async () => {
    const whole = await noise(800, 600).jpeg().toBuffer()
    await expect(inspectWithThumbnail(whole.subarray(0, whole.length >> 1))).rejects.toMatchObject({ code: 'truncated' })
  })
})
