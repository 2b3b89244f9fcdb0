import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { selectTrainingBackend } from '../../src-main/training/backend/select-backend'
import { channelsOf, type TrainConfig } from '../../src-main/training/config'
import { createTrainer } from '../../src-main/training/trainer'
import { inversionBatch, tinyConfig } from './tiny'

// The backend training runs on when no native TensorFlow is installed (and 4× faster than pure JS here).
beforeAll(async () => {
  await selectTrainingBackend(['wasm'])
  expect(tf.getBackend()).toBe('wasm')
})

const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length

/** The named loss at every step of `steps` steps over four images whose target is their colour inverse. */
async function lossCurve(config: TrainConfig, loss: string, steps: number): Promise<number[]> {
  const trainer = await createTrainer(config)
  try {
    const channels = channelsOf(config.mode)
    const batches = [0, 1, 2, 3].map((seed) => inversionBatch(config.size, channels.in, channels.out, seed))
    const curve: number[] = []
    for (let i = 0; i < steps; i++) {
      const stats = await trainer.trainStep(batches[i % batches.length]!)
      expect(stats.step).toBe(i)
      curve.push(stats.losses[loss]!)
    }
    return curve
  } finally {
    trainer.dispose()
  }
}

describe('training learns colour inversion', () => {
  it('CycleGAN: the cycle loss falls', async () => {
    const curve = await lossCurve(tinyConfig('cyclegan', { lr: 2e-3, upsampling: 'transpose' }), 'cycle', 40)
    expect(mean(curve.slice(-6))).toBeLessThan(0.88 * mean(curve.slice(0, 6)))
  })

  it('pix2pix: the L1 loss falls', async () => {
    const curve = await lossCurve(tinyConfig('pix2pix', { lr: 2e-3 }), 'L1', 40)
    expect(mean(curve.slice(-6))).toBeLessThan(0.7 * mean(curve.slice(0, 6)))
  })

  it('colorize (L → ab): the L1 loss falls', async () => {
    const curve = await lossCurve(tinyConfig('colorize', { lr: 2e-3 }), 'L1', 40)
    expect(mean(curve.slice(-6))).toBeLessThan(0.45 * mean(curve.slice(0, 6)))
  })
})
