import { z } from 'zod'
import { TrainConfigSchema } from '../config'
import { SamplerState } from '../data/sampler'
import type { TrainerSnapshot } from '../trainer'
import type { CheckpointContents } from './checkpoint-file'

/** Everything a run needs to go on exactly where it stopped: the trainer, the data sampler and the time spent. */
export interface RunCheckpoint {
  trainer: TrainerSnapshot
  sampler: SamplerState
  /** Milliseconds spent training up to this checkpoint, over every session of the run. */
  trainingMs: number
}

const Meta = z.object({
  step: z.number().int().min(0),
  config: TrainConfigSchema,
  rng: z.array(z.number().int()),
  sampler: SamplerState,
  trainingMs: z.number().min(0)
})

const WEIGHT = 'weights/'
const OPTIMIZER = 'optimizers/'
const POOL = /^pools\/([ab])\/(\d+)$/

export function encodeRunCheckpoint({ trainer, sampler, trainingMs }: RunCheckpoint): CheckpointContents {
  const { config, step, rng, weights, optimizers, pools } = trainer
  return {
    meta: { step, config, rng, sampler, trainingMs },
    tensors: [
      ...Object.entries(weights).map(([name, t]) => ({ name: WEIGHT + name, shape: t.shape, data: t.data })),
      ...Object.entries(optimizers).map(([name, t]) => ({ name: OPTIMIZER + name, shape: t.shape, data: t.data })),
      ...(['a', 'b'] as const).flatMap((side) => pools[side].map((data, i) => ({ name: `pools/${side}/${i}`, shape: [data.length], data })))
    ]
  }
}

/** Throws a ZodError when the record is not a run checkpoint's. */
export function decodeRunCheckpoint(contents: CheckpointContents): RunCheckpoint {
  const meta = Meta.parse(contents.meta)
  const weights: TrainerSnapshot['weights'] = {}
  const optimizers: TrainerSnapshot['optimizers'] = {}
  const pools: TrainerSnapshot['pools'] = { a: [], b: [] }
  for (const { name, shape, data } of contents.tensors) {
    const pool = POOL.exec(name)
    if (name.startsWith(WEIGHT)) weights[name.slice(WEIGHT.length)] = { shape, data }
    else if (name.startsWith(OPTIMIZER)) optimizers[name.slice(OPTIMIZER.length)] = { shape, data }
    else if (pool) pools[pool[1] as 'a' | 'b'][Number(pool[2])] = data
    else throw new Error(`unknown tensor ${name} in a run checkpoint`)
  }
  return {
    trainer: { config: meta.config, step: meta.step, rng: meta.rng, weights, optimizers, pools },
    sampler: meta.sampler,
    trainingMs: meta.trainingMs
  }
}
