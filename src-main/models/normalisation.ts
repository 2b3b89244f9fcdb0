import type { LinearNormalisation, NamedNormalisation, Normalisation } from '../../src-preload/model-card'

export type ColourSpace = 'rgb' | 'L' | 'ab'

const NAMED: Record<NamedNormalisation, Record<ColourSpace, LinearNormalisation>> = {
  tanh: { rgb: { scale: 2, offset: -1 }, L: { scale: 1 / 50, offset: -1 }, ab: { scale: 1 / 110, offset: 0 } },
  unit: { rgb: { scale: 1, offset: 0 }, L: { scale: 1 / 100, offset: 0 }, ab: { scale: 1 / 220, offset: 0.5 } }
}

/** The scale and offset a normalisation stands for in `space`. */
export function linearNormalisation(normalisation: Normalisation, space: ColourSpace): LinearNormalisation {
  return typeof normalisation === 'string' ? NAMED[normalisation][space] : normalisation
}
