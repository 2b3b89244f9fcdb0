import { z } from 'zod'

/**
 * How pixel values in a colour space's natural units become model values: `model = natural · scale + offset`,
 * and back again on the output. Natural units: RGB in [0, 1], L in [0, 100], a and b in CIELAB units (about ±110).
 */
export const LinearNormalisation = z.object({ scale: z.number().finite().refine((s) => s !== 0, 'scale must not be 0'), offset: z.number().finite() }).strict()
export type LinearNormalisation = z.infer<typeof LinearNormalisation>

/**
 * Named conventions: 'tanh' maps the natural range onto [−1, 1] (CycleGAN and pix2pix generators end in tanh),
 * 'unit' onto [0, 1].
 */
export const NamedNormalisation = z.enum(['tanh', 'unit'])
export type NamedNormalisation = z.infer<typeof NamedNormalisation>

export const Normalisation = z.union([NamedNormalisation, LinearNormalisation])
export type Normalisation = z.infer<typeof Normalisation>

export type ColourSpace = 'rgb' | 'L' | 'ab'

const NAMED: Record<NamedNormalisation, Record<ColourSpace, LinearNormalisation>> = {
  tanh: { rgb: { scale: 2, offset: -1 }, L: { scale: 1 / 50, offset: -1 }, ab: { scale: 1 / 110, offset: 0 } },
  unit: { rgb: { scale: 1, offset: 0 }, L: { scale: 1 / 100, offset: 0 }, ab: { scale: 1 / 220, offset: 0.5 } }
}

/** The scale and offset a normalisation stands for in `space`. */
export function linearNormalisation(normalisation: Normalisation, space: ColourSpace): LinearNormalisation {
  return typeof normalisation === 'string' ? NAMED[normalisation][space] : normalisation
}
