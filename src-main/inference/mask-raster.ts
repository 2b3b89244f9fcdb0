import { createHash } from 'node:crypto'
import sharp from 'sharp'
import type { ApplyMask, MaskRecord, MaskStroke } from '../../src-preload/apply-mask'

interface Size {
  width: number
  height: number
}

/** librsvg draws through cairo, whose surfaces stop at 32767 pixels a side; larger masks are drawn smaller and enlarged. */
const MAX_DRAWN_SIDE = 16_384
/** sharp's blur takes sigmas from 0.3 to 1000; below 0.3 the edge is left hard. */
const MIN_SIGMA = 0.3
const MAX_SIGMA = 1_000

/**
 * The mask as weights 0..1, one per pixel of `target` (row by row): strokes drawn in `source`'s pixel
 * coordinates (scaled to the target, so a mask painted on the original fits a reduced working size), in order,
 * 'paint' as 1 and 'erase' as 0 over a background of 0, then blurred by the feather (scaled likewise).
 */
export async function rasteriseMask(mask: ApplyMask, source: Size, target: Size): Promise<Float32Array> {
  const shrink = Math.min(1, MAX_DRAWN_SIDE / Math.max(target.width, target.height))
  const drawn = { width: Math.max(1, Math.round(target.width * shrink)), height: Math.max(1, Math.round(target.height * shrink)) }
  let pipeline = sharp(Buffer.from(maskSvg(mask, source, drawn)), { limitInputPixels: false }).extractChannel(0)
  if (drawn.width !== target.width || drawn.height !== target.height) {
    // Drawn first, then enlarged: given a resize, sharp would draw the SVG at the target size itself.
    const raw = await pipeline.extractChannel(0).raw().toBuffer()
    pipeline = sharp(raw, { raw: { ...drawn, channels: 1 }, limitInputPixels: false }).resize(target.width, target.height, { fit: 'fill', kernel: 'linear' })
  }
  const sigma = Math.min(MAX_SIGMA, (mask.feather * target.width) / source.width)
  if (sigma >= MIN_SIGMA) pipeline = pipeline.blur(sigma)
  const { data, info } = await pipeline.extractChannel(0).raw().toBuffer({ resolveWithObject: true })
  if (info.width !== target.width || info.height !== target.height || info.channels !== 1) {
    throw new Error(`the mask came out ${info.width}×${info.height}×${info.channels}; ${target.width}×${target.height}×1 expected`)
  }
  const weights = new Float32Array(data.length)
  for (let i = 0; i < data.length; i++) weights[i] = data[i]! / 255
  return weights
}

/** What a version records of its mask (see MaskRecord). */
export function maskRecord(mask: ApplyMask): MaskRecord {
  return {
    strokes: mask.strokes.length,
    points: mask.strokes.reduce((sum, s) => sum + s.points.length / 2, 0),
    feather: mask.feather,
    sha256: createHash('sha256').update(JSON.stringify(mask)).digest('hex')
  }
}

function maskSvg(mask: ApplyMask, source: Size, drawn: Size): string {
  const shapes = mask.strokes.map(strokeSvg).join('')
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${drawn.width}" height="${drawn.height}" viewBox="0 0 ${source.width} ${source.height}" preserveAspectRatio="none">` +
    `<rect x="0" y="0" width="${source.width}" height="${source.height}" fill="#000"/>${shapes}</svg>`
  )
}

function strokeSvg({ mode, radius, points }: MaskStroke): string {
  const colour = mode === 'paint' ? '#fff' : '#000'
  if (points.length === 2) return `<circle cx="${points[0]}" cy="${points[1]}" r="${radius}" fill="${colour}"/>`
  return `<polyline points="${points.join(' ')}" fill="none" stroke="${colour}" stroke-width="${2 * radius}" stroke-linecap="round" stroke-linejoin="round"/>`
}
