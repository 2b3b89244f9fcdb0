import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { decodeImage, encodeImage, ImageError, writeImage, type OutputFormat, type RawImage } from '../../src-main/imaging'
import { tempDir } from '../helpers/temp-dir'
import { halve, noise, pixelAt, rgb16, sidewaysJpeg, solid } from './fixtures'

const XMP = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>GAN Tester</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>`

/** A camera-like original: EXIF with make and date, XMP, orientation 6 (stored 300×200, shown 200×300). */
function cameraJpeg(): Promise<Buffer> {
  return noise(300, 200)
    .withExif({ IFD0: { Make: 'GanCam', Model: 'X1' }, IFD2: { DateTimeOriginal: '2024:01:02 03:04:05' } })
    .withMetadata({ orientation: 6 })
    .withXmp(XMP)
    .jpeg()
    .toBuffer()
}

function meanDifference(a: RawImage, b: RawImage): number {
  let sum = 0
  for (let i = 0; i < a.data.length; i++) sum += Math.abs(a.data[i] - b.data[i])
  return sum / a.data.length
}

describe('encodeImage', () => {
  const formats: OutputFormat[] = ['png', 'jpeg', 'webp', 'tiff']

  it.each(formats)('round-trips raw pixels through %s', async (format) => {
    const source = await decodeImage(await noise(64, 48).blur(2).png().toBuffer())
    const encoded = await encodeImage(source, { format })
    expect((await sharp(encoded).metadata()).format).toBe(format)
    const back = await decodeImage(encoded)
    expect([back.width, back.height, back.channels]).toEqual([64, 48, 3])
    const lossless = format === 'png' || format === 'tiff'
    if (lossless) expect(back.data.equals(source.data)).toBe(true)
    else expect(meanDifference(back, source)).toBeLessThan(4)
  })

  it.each(['jpeg', 'webp'] as const)('makes smaller %s files at lower quality', async (format) => {
    const source = await decodeImage(await noise(128, 128).blur(1).png().toBuffer())
    const low = await encodeImage(source, { format, quality: 30 })
    const high = await encodeImage(source, { format, quality: 95 })
    expect(low.length).toBeLessThan(high.length * 0.8)
  })

  it.each(['png', 'tiff'] as const)('keeps 16-bit samples exactly in %s', async (format) => {
    const source = rgb16(32, 16)
    const encoded = await encodeImage(source, { format })
    expect((await sharp(encoded).metadata()).depth).toBe('ushort')
    expect((await decodeImage(encoded, { depth: 16 })).data.equals(source.data)).toBe(true)
    expect((await sharp(await encodeImage(source, { format, bitDepth: 8 })).metadata()).depth).toBe('uchar')
  })

  it('refuses 16-bit jpeg and webp', async () => {
    await expect(encodeImage(rgb16(4, 4), { format: 'jpeg', bitDepth: 16 })).rejects.toThrow(RangeError)
  })

  it('transcodes an encoded source upright', async () => {
    const png = await encodeImage(await sidewaysJpeg(), { format: 'png' })
    const meta = await sharp(png).metadata()
    expect([meta.width, meta.height, meta.orientation]).toEqual([40, 60, undefined])
  })

  it('flattens transparency onto white for jpeg and keeps it for png and webp', async () => {
    const clear = await decodeImage(await solid(8, 8, { r: 0, g: 0, b: 0, alpha: 0 }, 4).png().toBuffer())
    const jpeg = await decodeImage(await encodeImage(clear, { format: 'jpeg' }))
    expect(pixelAt(jpeg, 4, 4).every((v) => v > 250)).toBe(true)
    for (const format of ['png', 'webp'] as const) expect((await decodeImage(await encodeImage(clear, { format }))).channels).toBe(4)
  })

  it.each(['jpeg', 'png', 'webp'] as const)('copies EXIF and XMP from the original into %s, orientation reset', async (format) => {
    const original = await cameraJpeg()
    const upright = await decodeImage(original)
    const encoded = await encodeImage(upright, { format, metadataFrom: original })
    const meta = await sharp(encoded).metadata()
    expect([meta.width, meta.height]).toEqual([200, 300])
    expect(meta.orientation ?? 1).toBe(1)
    expect(meta.exif?.includes('GanCam')).toBe(true)
    expect(meta.exif?.includes('2024:01:02 03:04:05')).toBe(true)
    expect(meta.xmpAsString).toContain('GAN Tester')
    expect(meta.hasProfile).toBe(true)
    if (format === 'png') expect((await decodeImage(encoded)).data.equals(upright.data)).toBe(true)
  })

  it('copies metadata onto 16-bit output without touching the samples', async () => {
    const source = rgb16(200, 300)
    const encoded = await encodeImage(source, { format: 'png', metadataFrom: await cameraJpeg() })
    expect((await sharp(encoded).metadata()).exif?.includes('GanCam')).toBe(true)
    expect((await decodeImage(encoded, { depth: 16 })).data.equals(source.data)).toBe(true)
  })

  it('copies metadata when the source is itself an encoded image', async () => {
    const original = await cameraJpeg()
    const meta = await sharp(await encodeImage(original, { format: 'webp', metadataFrom: original })).metadata()
    expect([meta.width, meta.height, meta.orientation ?? 1]).toEqual([200, 300, 1])
    expect(meta.exif?.includes('GanCam')).toBe(true)
  })
})

describe('writeImage', () => {
  it('writes the file and leaves no temporary file behind', async () => {
    const dir = tempDir()
    const target = join(dir, 'out', 'result.png')
    await writeImage(target, await decodeImage(await solid(8, 8, '#336699').png().toBuffer()), { format: 'png' })
    expect(pixelAt(await decodeImage(target), 0, 0)).toEqual([0x33, 0x66, 0x99])
    expect(readdirSync(join(dir, 'out'))).toEqual(['result.png'])
  })

  it('leaves the target untouched when encoding fails', async () => {
    const dir = tempDir()
    const target = join(dir, 'result.jpg')
    writeFileSync(target, 'previous version')
    const broken = halve(await noise(300, 200).jpeg().toBuffer())
    await expect(writeImage(target, broken, { format: 'jpeg' })).rejects.toBeInstanceOf(ImageError)
    expect(readFileSync(target, 'utf8')).toBe('previous version')
    expect(readdirSync(dir)).toEqual(['result.jpg'])
  })
})
