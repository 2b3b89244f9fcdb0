import { withImageErrors } from '../../imaging/failures'
import { isGreyscale, openImage } from '../../imaging/open'

/** 8-bit sRGB pixels, 3 channels interleaved, upright. */
export interface RgbPixels {
  data: Uint8Array
  width: number
  height: number
}

export interface ImageCheck {
  width: number
  height: number
  /** Stored as greyscale, or colour whose pixels are all (nearly) neutral. */
  grey: boolean
}

const WHITE = { r: 255, g: 255, b: 255 }
const CHECK_SIDE = 64
const PREVIEW_SIDE = 96
/** Mean |R−G| + |G−B| (8-bit levels) under which a colour file holds a grey picture. */
const NEUTRAL_CHROMA = 3

/**
 * Upright sRGB pixels with the shorter side scaled to `shorterSide` (aspect kept), alpha flattened on white:
 * the reference's load size, from which random crops are cut.
 */
export async function loadTrainingImage(path: string, shorterSide: number): Promise<RgbPixels> {
  const { pipeline } = await openImage(path)
  const { data, info } = await withImageErrors(path, () =>
    pipeline
      .rotate()
      .resize(shorterSide, shorterSide, { fit: 'outside' })
      .flatten({ background: WHITE })
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true })
  )
  return { data, width: info.width, height: info.height }
}

/** Decodes the whole file (so a truncated or damaged one fails here, not mid-run) at a small size to judge it. */
export async function checkTrainingImage(path: string): Promise<ImageCheck> {
  const { meta, pipeline } = await openImage(path)
  const { data } = await withImageErrors(path, () =>
    pipeline
      .rotate()
      .resize(CHECK_SIDE, CHECK_SIDE, { fit: 'inside', withoutEnlargement: true })
      .flatten({ background: WHITE })
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true })
  )
  return { width: meta.autoOrient.width, height: meta.autoOrient.height, grey: isGreyscale(meta.space) || meanChroma(data) < NEUTRAL_CHROMA }
}

function meanChroma(rgb: Uint8Array): number {
  let sum = 0
  for (let i = 0; i < rgb.length; i += 3) sum += Math.abs(rgb[i]! - rgb[i + 1]!) + Math.abs(rgb[i + 1]! - rgb[i + 2]!)
  return sum / (rgb.length / 3)
}

/** A small WebP of the image as a data URL, for the data report. */
export async function previewDataUrl(path: string): Promise<string> {
  const { pipeline } = await openImage(path)
  const webp = await withImageErrors(path, () =>
    pipeline.rotate().resize(PREVIEW_SIDE, PREVIEW_SIDE, { fit: 'inside', withoutEnlargement: true }).toColourspace('srgb').webp({ quality: 70 }).toBuffer()
  )
  return `data:image/webp;base64,${webp.toString('base64')}`
}
