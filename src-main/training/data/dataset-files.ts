import type { TrainMode } from '../../../src-preload/training-run'

/**
 * The images a run trains on, fixed when it starts so a resumed run draws from exactly the same list.
 * Paths are relative to their side's folder. pix2pix and colorize: `b[i]` is `a[i]`'s target (colorize: the
 * same file, its colour). cyclegan: the two sides are independent.
 */
export interface DatasetFiles {
  mode: TrainMode
  rootA: string
  rootB: string
  a: string[]
  b: string[]
}

/** Whether the two sides are aligned pairs, drawn together. */
export const isPaired = (mode: TrainMode): boolean => mode !== 'cyclegan'
