import type { TrainConfig } from './config'

/** A recompute level a trainer runs with ('auto' decided). */
export type RecomputeLevelChosen = 'off' | 'blocks' | 'generator'

export interface RecomputeChoice {
  level: RecomputeLevelChosen
  /** Why, for the run's backend note. */
  reason: string
}

/** The estimated step peak 'auto' keeps under on wasm and pure JS: three quarters of wasm's 4 GB heap cap. */
const BUDGET_MB = 3072
/**
 * Fitted to bench:train-step's wasm heaps (bench/README.md, "Recompute levels"): with 'off' and 'blocks' about 7 MB
 * per MB a generator pass keeps, times the passes a step keeps (gradients, norm internals and heap growth ride
 * along). With 'generator' one pass at a time is rebuilt in backprop: about 1.1 GB (weights, Adam moments, the
 * discriminator steps) plus 5.8 MB per MB one pass keeps, from the reference network at 128² and 256².
 */
const PEAK_PER_KEPT_MB = 7
const GENERATOR_BASE_MB = 1120
const GENERATOR_PEAK_PER_KEPT_MB = 5.8

/**
 * Floats one generator pass keeps for backprop, in units of ngf·size²: a ResNet about 12 outside its blocks
 * (full, half and quarter resolution layers) and per block 8 tensors of 4·ngf channels at a sixteenth of the area
 * (2 when the block is recomputed: its input and output); a U-Net about 6, mostly its two outer levels.
 */
function keptMb(config: TrainConfig, level: RecomputeLevelChosen): number {
  const perBlock = level === 'off' ? 2 : 0.5
  const units = config.generator === 'resnet' ? 12 + perBlock * config.blocks : 6
  return (units * config.ngf * config.size * config.size * 4) / 2 ** 20
}

/** Generator passes one step keeps for backprop: CycleGAN's two translations, two cycles and two identities. */
function passes(config: TrainConfig): number {
  return config.mode === 'cyclegan' ? 4 + (config.lambdaIdentity > 0 ? 2 : 0) : 1
}

export function estimatedPeakMb(config: TrainConfig, level: RecomputeLevelChosen): number {
  if (level === 'generator') return GENERATOR_BASE_MB + GENERATOR_PEAK_PER_KEPT_MB * keptMb(config, 'blocks')
  return PEAK_PER_KEPT_MB * passes(config) * keptMb(config, level)
}

const amount = (mb: number): string => (mb < 1024 ? `${Math.max(1, Math.round(mb))} MB` : `${(mb / 1024).toFixed(1)} GB`)

/**
 * The level for `config` on tfjs backend `backend`: the run's own when set. With 'auto': none on native TensorFlow
 * (its memory is the machine's); on wasm and pure JS the quickest level whose estimated peak fits the budget, else
 * 'generator', the least memory there is.
 */
export function chooseRecompute(config: TrainConfig, backend: string): RecomputeChoice {
  if (config.recompute !== 'auto') return { level: config.recompute, reason: `recompute '${config.recompute}' as set for this run` }
  if (backend !== 'wasm' && backend !== 'cpu') return { level: 'off', reason: `recompute 'off' (auto): the ${backend} backend's memory is not capped` }
  const levels: RecomputeLevelChosen[] = config.generator === 'resnet' ? ['off', 'blocks', 'generator'] : ['off', 'generator']
  const estimates = levels.map((level) => ({ level, mb: estimatedPeakMb(config, level) }))
  const fitting = estimates.find((e) => e.mb <= BUDGET_MB)
  const chosen = fitting ?? estimates[estimates.length - 1]!
  const without = estimates.filter((e) => e.level !== chosen.level && levels.indexOf(e.level) < levels.indexOf(chosen.level))
  const over = without.length ? `, ${without.map((e) => `${amount(e.mb)} with '${e.level}'`).join(', ')}` : ''
  const budget = `the ${amount(BUDGET_MB)} budget (wasm's heap is capped at 4 GB)`
  const fits = fitting ? `within ${budget}` : `over ${budget} even so: a smaller crop or network may be needed`
  return { level: chosen.level, reason: `recompute '${chosen.level}' (auto for ${backend}): a step needs about ${amount(chosen.mb)}${over}; ${fits}` }
}
