import type { Metadata } from 'sharp'
import { isGreyscale, sampleDepth } from './open'

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

/** What the header says about an image, with sizes as shown (EXIF orientation applied). */
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
