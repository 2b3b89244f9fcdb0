import type { TrainConfig } from './config'

/** The reference's 'linear' policy by step: `lr` until decayFrom, then falling linearly to 0 at `steps`. */
export function learningRateAt(config: Pick<TrainConfig, 'lr' | 'steps' | 'decayFrom'>, step: number): number {
  if (step < config.decayFrom) return config.lr
  const decaySteps = config.steps - config.decayFrom
  return decaySteps > 0 ? config.lr * Math.max(0, (config.steps - step) / decaySteps) : 0
}
