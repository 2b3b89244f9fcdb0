import * as tf from '@tensorflow/tfjs'
import { beforeAll, expect, it } from 'vitest'
import { createTrainer } from '../../src-main/training/trainer'
import { inversionBatch, tinyConfig } from './tiny'

beforeAll(async () => {
  await tf.setBackend('cpu')
})

it('recomputing residual blocks in backprop trains the same CycleGAN as keeping their activations', async () => {
  const runs = []
  for (const recompute of [false, true]) {
    const trainer = await createTrainer(tinyConfig('cyclegan', { recompute, blocks: 2 }))
    try {
      const losses = []
      for (let i = 0; i < 2; i++) losses.push((await trainer.trainStep(inversionBatch(16, 3, 3, i))).losses)
      runs.push({ losses, weights: (await trainer.snapshot()).weights })
    } finally {
      trainer.dispose()
    }
  }
  const [kept, recomputed] = runs as [(typeof runs)[0], (typeof runs)[0]]
  kept.losses.forEach((step, i) => Object.entries(step).forEach(([name, value]) => expect(recomputed.losses[i]![name]).toBeCloseTo(value, 5)))
  for (const [name, value] of Object.entries(kept.weights)) {
    const other = recomputed.weights[name]!.data
    const diff = value.data.reduce((max, v, i) => Math.max(max, Math.abs(v - other[i]!)), 0)
    expect(diff, name).toBeLessThan(1e-5)
  }
})
