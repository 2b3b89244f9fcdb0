import sharp, { type Metadata, type Sharp } from 'sharp'
import { pixelLimitError, unsupportedFormatError } from './errors'
import { withImageErrors } from './failures'
import { DEFAULT_MAX_PIXELS, SUPPORTED_FORMATS } from './limits'

export interface OpenOptions {
  maxPixels?: number
}

export interface OpenedImage {
  meta: Metadata
  /** sharp's format name, except AVIF, which sharp calls `heif`. */
  format: string
  /** A fresh pipeline on the input: pixel limit enforced, truncation fatal, output in sRGB. */
  pipeline: Sharp
}

/** Reads the header, refuses what we will not decode, and returns a pipeline ready for the pixels. */
export async function openImage(input: string | Buffer, opts: OpenOptions = {}): Promise<OpenedImage> {
  const maxPixels = opts.maxPixels ?? DEFAULT_MAX_PIXELS
  // sharp's own limit also guards metadata(), and its error omits the size; read the header unguarded to name it.
  const meta = await withImageErrors(input, () => sharp(input, { limitInputPixels: false }).metadata())
  const format = formatOf(meta)
  if (!SUPPORTED_FORMATS.has(format)) throw unsupportedFormatError(format)
  if (meta.width * meta.height > maxPixels) throw pixelLimitError(meta.autoOrient.width, meta.autoOrient.height, maxPixels)
  let pipeline = sharp(input, { failOn: 'truncated', limitInputPixels: maxPixels })
  // sharp converts 16-bit RGB with an embedded profile to Display P3, not sRGB, and leaves it there unless asked.
  if (meta.space === 'rgb16' && meta.hasProfile) pipeline = pipeline.withIccProfile('srgb')
  return { meta, format, pipeline }
}

function formatOf(meta: Metadata): string {
  return meta.format === 'heif' && meta.compression === 'av1' ? 'avif' : meta.format
}

export function sampleDepth(meta: Metadata): 8 | 16 {
  return meta.depth === 'uchar' || meta.depth === 'char' ? 8 : 16
}

export function isGreyscale(space: string): boolean {
  return space === 'b-w' || space === 'grey16'
}
