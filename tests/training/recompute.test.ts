import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { TrainConfigSchema, type TrainConfig, type TrainMode } from '../../src-main/training/config'
import { createTrainer, type TrainerSnapshot } from '../../src-main/training/trainer'
import { inversionBatch, tinyConfig } from './tiny'

beforeAll(async () => {
  await tf.setBackend('cpu')
})

interface Trained {
  losses: Record<string, number>[]
  weights: TrainerSnapshot['weights']
}

async function train(config: TrainConfig, inChannels: number, outChannels: number): Promise<Trained> {
  const trainer = await createTrainer(config)
  try {
    expect(trainer.recompute.level).toBe(config.recompute)
    const losses = []
    for (let i = 0; i < 2; i++) losses.push((await trainer.trainStep(inversionBatch(config.size, inChannels, outChannels, i))).losses)
    return { losses, weights: (await trainer.snapshot()).weights }
  } finally {
    trainer.dispose()
  }
}

function expectSameTraining(actual: Trained, expected: Trained): void {
  expected.losses.forEach((step, i) => Object.entries(step).forEach(([name, value]) => expect(actual.losses[i]![name], name).toBeCloseTo(value, 5)))
  for (const [name, value] of Object.entries(expected.weights)) {
    const other = actual.weights[name]!.data
    const diff = value.data.reduce((max, v, i) => Math.max(max, Math.abs(v - other[i]!)), 0)
    expect(diff, name).toBeLessThan(1e-5)
  }
}

const cases: { mode: TrainMode; overrides: Partial<TrainConfig>; channels: [number, number] }[] = [
  { mode: 'cyclegan', overrides: { blocks: 2 }, channels: [3, 3] },
  { mode: 'pix2pix', overrides: { loss: 'wgan-gp' }, channels: [3, 3] },
  { mode: 'colorize', overrides: {}, channels: [1, 2] }
]

describe('every recompute level trains the same networks as keeping all activations', () => {
  for (const { mode, overrides, channels } of cases) {
    it(`${mode} (${mode === 'cyclegan' ? 'ResNet' : 'U-Net'} generator)`, async () => {
      const kept = await train(tinyConfig(mode, { ...overrides, recompute: 'off' }), ...channels)
      for (const level of ['blocks', 'generator'] as const) {
        expectSameTraining(await train(tinyConfig(mode, { ...overrides, recompute: level }), ...channels), kept)
      }
    })
  }
})

it('configs saved before recompute levels existed still load: true means blocks, false off', () => {
  const saved = { ...tinyConfig('cyclegan'), recompute: true }
  expect(TrainConfigSchema.parse(saved).recompute).toBe('blocks')
  expect(TrainConfigSchema.parse({ ...saved, recompute: false }).recompute).toBe('off')
  expect(TrainConfigSchema.safeParse({ ...saved, recompute: 'all' }).success).toBe(false)
})
