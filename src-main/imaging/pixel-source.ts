import sharp, { type Sharp } from 'sharp'
import type { RawImage } from './decode'
import { isGreyscale, openImage, sampleDepth } from './open'

/** A pipeline producing upright pixels, and what an encoder must know about them. */
export interface PixelSource {
  pipeline: Sharp
  depth: 8 | 16
  grey: boolean
  hasAlpha: boolean
}

export interface RawInput {
  /** sharp reads the sample depth from the array type: bytes for 8-bit, Uint16Array for 16-bit. */
  input: Buffer | Uint16Array
  raw: { width: number; height: number; channels: RawImage['channels'] }
}

export function isRawImage(source: RawImage | string | Buffer): source is RawImage {
  return typeof source === 'object' && !Buffer.isBuffer(source)
}

export function rawInput(image: RawImage): RawInput {
  const { data, width, height, channels, depth } = image
  const expected = width * height * channels * (depth / 8)
  if (data.length !== expected) throw new RangeError(`raw image holds ${data.length} bytes; ${width}×${height}×${channels} at ${depth} bits needs ${expected}`)
  const raw = { width, height, channels }
  if (depth === 8) return { input: data, raw }
  const aligned = data.byteOffset % 2 === 0 ? data : Buffer.from(data)
  return { input: new Uint16Array(aligned.buffer, aligned.byteOffset, aligned.length / 2), raw }
}

export async function openSource(source: RawImage | string | Buffer): Promise<PixelSource> {
  if (isRawImage(source)) {
    const { input, raw } = rawInput(source)
    return { pipeline: sharp(input, { raw }), depth: source.depth, grey: source.channels <= 2, hasAlpha: source.channels % 2 === 0 }
  }
  const { meta, pipeline } = await openImage(source)
  return { pipeline: pipeline.rotate(), depth: sampleDepth(meta), grey: isGreyscale(meta.space), hasAlpha: meta.hasAlpha }
}
