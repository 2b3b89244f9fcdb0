/** Where a model's result may change the image: brush strokes painted in the Editor. Part of the contract. */
import { z } from 'zod'
import { MAX_MASK_COORDINATES, MAX_MASK_STROKES, MAX_STROKE_COORDINATES } from './mask-limits'

const MAX_COORDINATE = 1_000_000

export const MaskStroke = z
  .object({
    /** 'paint' lets the result through, 'erase' keeps the original; later strokes cover earlier ones. */
    mode: z.enum(['paint', 'erase']),
    /** Half the brush width, in image pixels. */
    radius: z.number().positive().max(8_192),
    /** x, y, x, y… in the original image's upright pixels. One point is a dab. */
    points: z
      .array(z.number().finite().min(-MAX_COORDINATE).max(MAX_COORDINATE))
      .min(2)
      .max(MAX_STROKE_COORDINATES)
      .refine((points) => points.length % 2 === 0, 'must hold x, y pairs')
  })
  .strict()
export type MaskStroke = z.infer<typeof MaskStroke>

export const ApplyMask = z
  .object({
    strokes: z.array(MaskStroke).min(1).max(MAX_MASK_STROKES),
    /** Softness of the mask's edge: the sigma, in image pixels, of the Gaussian blur applied to it. 0 is a hard edge. */
    feather: z.number().min(0).max(1_000)
  })
  .strict()
  .refine((mask) => mask.strokes.reduce((sum, s) => sum + s.points.length, 0) <= MAX_MASK_COORDINATES, `strokes may hold at most ${MAX_MASK_COORDINATES} coordinates in all`)
export type ApplyMask = z.infer<typeof ApplyMask>

/**
 * What a version keeps of the mask it was made with: the counts, the feather and a digest of the strokes. The
 * strokes themselves can run to megabytes, and every version list would carry them.
 */
export const MaskRecord = z.object({
  strokes: z.number().int(),
  points: z.number().int(),
  feather: z.number(),
  sha256: z.string()
})
export type MaskRecord = z.infer<typeof MaskRecord>
