import type { Metadata } from 'sharp'
import { withImageErrors } from './failures'
import { isGreyscale, openImage, sampleDepth, type OpenOptions } from './open'

export interface ImageInfo {
  format: string
  /** Width after EXIF orientation is applied. */
  width: number
  /** Height after EXIF orientation is applied. */
  height: number
  /** Bands, alpha included. */
  channels: number
  depth: 8 | 16
  /** Colour model regardless of depth: `srgb`, `b-w`, `cmyk`, … (sharp's `rgb16`/`grey16` are reported as `srgb`/`b-w`). */
  space: string
  hasAlpha: boolean
  /** EXIF orientation, 1 when absent. */
  orientation: number
  hasProfile: boolean
}

/** Size at which the pixels are decoded to prove the file whole: every compressed byte is still read, no full bitmap is held. */
const VALIDATION_SIZE = 64

/** Describes an image after proving that all of its pixels decode. */
export async function probeImage(input: string | Buffer, opts: OpenOptions = {}): Promise<ImageInfo> {
  const { meta, format, pipeline } = await openImage(input, opts)
  await withImageErrors(input, () =>
    pipeline.resize(VALIDATION_SIZE, VALIDATION_SIZE, { fit: 'inside', withoutEnlargement: true }).raw().toBuffer()
  )
  return describeImage(meta, format)
}

export function describeImage(meta: Metadata, format: string): ImageInfo {
  return {
    format,
    width: meta.autoOrient.width,
    height: meta.autoOrient.height,
    channels: meta.channels,
    depth: sampleDepth(meta),
    space: meta.space === 'rgb16' ? 'srgb' : isGreyscale(meta.space) ? 'b-w' : meta.space,
    hasAlpha: meta.hasAlpha,
    orientation: meta.orientation ?? 1,
    hasProfile: meta.hasProfile
  }
}
