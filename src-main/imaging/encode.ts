import type { Sharp } from 'sharp'
import { writeFileAtomic } from '../common/atomic-write'
import { decodeImage, type RawImage } from './decode'
import { withImageErrors } from './failures'
import { paintOverOriginalMetadata } from './metadata-carrier'
import { openImage, sampleDepth } from './open'
import { isRawImage, openSource, type PixelSource } from './pixel-source'

export type OutputFormat = 'png' | 'jpeg' | 'webp' | 'tiff'

export interface EncodeOptions {
  format: OutputFormat
  /** 1..100 for jpeg and webp; `DEFAULT_QUALITY` when left out. */
  quality?: number
  /**
   * The original whose EXIF and XMP the output keeps, orientation reset to 1 (the pixels are upright).
   * 8-bit colour output is tagged sRGB, the space the pixels are in; TIFF output cannot hold EXIF.
   */
  metadataFrom?: string | Buffer
  /** png and tiff only; defaults to the source's depth. jpeg and webp are always 8-bit. */
  bitDepth?: 8 | 16
}

export const DEFAULT_QUALITY = 92

const HOLDS_16_BIT: ReadonlySet<OutputFormat> = new Set(['png', 'tiff'])
const WHITE = { r: 255, g: 255, b: 255 }

export async function encodeImage(source: RawImage | string | Buffer, opts: EncodeOptions): Promise<Buffer> {
  if (opts.bitDepth === 16 && !HOLDS_16_BIT.has(opts.format)) throw new RangeError(`${opts.format} output holds 8-bit samples only`)
  const pixels = opts.metadataFrom ? await withOriginalMetadata(source, opts.metadataFrom, opts) : await openSource(source)
  const depth = HOLDS_16_BIT.has(opts.format) ? (opts.bitDepth ?? pixels.depth) : 8
  const { pipeline } = pixels
  if (!pixels.hasAlpha || opts.format === 'jpeg') pipeline.flatten({ background: WHITE }).removeAlpha()
  pipeline.toColourspace(pixels.grey ? (depth === 16 ? 'grey16' : 'b-w') : depth === 16 ? 'rgb16' : 'srgb')
  const encode = () => inFormat(pipeline, opts).toBuffer()
  return isRawImage(source) ? encode() : withImageErrors(source, encode)
}

/** Encodes and replaces `path` atomically; on any failure the file at `path` is left as it was. */
export async function writeImage(path: string, source: RawImage | string | Buffer, opts: EncodeOptions): Promise<void> {
  await writeFileAtomic(path, await encodeImage(source, opts))
}

async function withOriginalMetadata(source: RawImage | string | Buffer, original: string | Buffer, opts: EncodeOptions): Promise<PixelSource> {
  const pixels = isRawImage(source) ? source : await decodeImage(source, { depth: await decodeDepth(source, opts) })
  return paintOverOriginalMetadata(pixels, original, opts.format === 'jpeg')
}

async function decodeDepth(source: string | Buffer, opts: EncodeOptions): Promise<8 | 16> {
  if (!HOLDS_16_BIT.has(opts.format)) return 8
  return opts.bitDepth ?? sampleDepth((await openImage(source)).meta)
}

function inFormat(pipeline: Sharp, opts: EncodeOptions): Sharp {
  const quality = opts.quality ?? DEFAULT_QUALITY
  switch (opts.format) {
    case 'png':
      return pipeline.png()
    case 'jpeg':
      return pipeline.jpeg({ quality })
    case 'webp':
      return pipeline.webp({ quality })
    case 'tiff':
      // sharp's default TIFF compression is lossy JPEG, which also forces 8 bits.
      return pipeline.tiff({ compression: 'deflate', predictor: 'horizontal' })
  }
}
