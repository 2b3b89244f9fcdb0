import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { seededWeights } from '../../src-main/onnx'
import { channelsOf, type TrainConfig } from '../../src-main/training/config'
import { discriminatorLoss, gradientPenalty } from '../../src-main/training/losses'
import { conv } from '../../src-main/training/nets/layers'
import { ParamSet } from '../../src-main/training/nets/params'
import { patchDiscriminator } from '../../src-main/training/nets/patch-discriminator'
import { Adam } from '../../src-main/training/optim/adam'
import { descend } from '../../src-main/training/train-state'
import { createTrainer } from '../../src-main/training/trainer'
import { inversionBatch, noise, tinyConfig } from './tiny'

beforeAll(async () => {
  await tf.setBackend('cpu')
})

const LOSSES: TrainConfig['loss'][] = ['lsgan', 'vanilla', 'wgan-gp']

describe('discriminator updates separate real from fake', () => {
  for (const loss of LOSSES) {
    for (const spectralNorm of [false, true]) {
      it(`${loss}${spectralNorm ? ' with spectral norm' : ''}: mean D(real) − D(fake) rises`, () => {
        const params = new ParamSet('D', seededWeights(3))
        const d = patchDiscriminator(params, { inChannels: 3, ndf: 4, layers: 2, spectralNorm, twiceDifferentiable: loss === 'wgan-gp' })
        const adam = new Adam(params.trainable, { beta1: 0.5, beta2: 0.999 })
        const real = tf.tensor4d(inversionBatch(16, 3, 3, 1).b, [1, 16, 16, 3])
        const fake = tf.tensor4d(noise(16 * 16 * 3, 2), [1, 16, 16, 3])
        const gap = (): number => tf.tidy(() => tf.sub(tf.mean(d(real)), tf.mean(d(fake))).dataSync()[0]!)
        try {
          const before = gap()
          for (let i = 0; i < 3; i++) {
            for (const update of params.updates) update()
            descend(adam, 1e-3, () => {
              const objective = discriminatorLoss(loss, d(real), d(fake))
              expect(Number.isFinite(objective.dataSync()[0])).toBe(true)
              return loss === 'wgan-gp' ? tf.add(objective, tf.mul(gradientPenalty(d, real, fake, 0.3), 10)) : objective
            })
          }
          expect(gap()).toBeGreaterThan(before)
        } finally {
          tf.dispose([real, fake])
          params.dispose()
          adam.dispose()
        }
      })
    }
  }
})

describe('gradient penalty', () => {
  it('is (‖w‖ − 1)² for a linear critic, with the matching gradient for w', () => {
    const w = tf.variable(tf.tensor4d(noise(2 * 2 * 3, 9), [1, 2, 2, 3]))
    const critic = (x: tf.Tensor4D): tf.Tensor4D => tf.mul(x, w) as tf.Tensor4D
    const real = tf.tensor4d(noise(12, 4), [1, 2, 2, 3])
    const fake = tf.tensor4d(noise(12, 5), [1, 2, 2, 3])
    const norm = Math.hypot(...w.dataSync())
    const { value, grads } = tf.variableGrads(() => gradientPenalty(critic, real, fake, 0.7), [w])
    expect(value.dataSync()[0]).toBeCloseTo((norm - 1) ** 2, 5)
    const expected = Array.from(w.dataSync(), (v) => (2 * (norm - 1) * v) / norm)
    Array.from(grads[w.name]!.dataSync()).forEach((g, i) => expect(g).toBeCloseTo(expected[i]!, 5))
    tf.dispose([w, real, fake, value, ...Object.values(grads)])
  })
})

describe('spectral norm', () => {
  it('divides the kernel by its largest singular value once the power iteration has settled', () => {
    const params = new ParamSet('D', seededWeights(4))
    const layer = conv(params, { name: 'layer0.conv', inChannels: 3, outChannels: 5, kernel: 4, stride: 2, pad: 1, spectralNorm: true })
    for (let i = 0; i < 60; i++) for (const update of params.updates) update()
    // The normalised kernel is what a 1×1 input at the kernel's centre sees; recover it through the layer.
    const kernel = params.trainable.get('D.layer0.conv.weight')!
    const sigma = largestSingularValue(kernel.dataSync() as Float32Array, 5)
    const probe = tf.tidy(() => {
      const bias = params.trainable.get('D.layer0.conv.bias')!
      const x = tf.tensor4d(Float32Array.from({ length: 4 * 4 * 3 }, (_, i) => (i === 0 ? 1 : 0)), [1, 4, 4, 3])
      return tf.sub(layer(x), bias).dataSync() as Float32Array
    })
    // With padding 1 and stride 2, output (0, 0) reads the input pixel (0, 0) through kernel tap (1, 1).
    const tap = Array.from({ length: 5 }, (_, o) => kernel.dataSync()[((1 * 4 + 1) * 3 + 0) * 5 + o]! / sigma)
    Array.from({ length: 5 }, (_, o) => probe[o]!).forEach((value, o) => expect(value).toBeCloseTo(tap[o]!, 4))
    expect(largestSingularValue(Float32Array.from(kernel.dataSync(), (v) => v / sigma), 5)).toBeCloseTo(1, 4)
    params.dispose()
  })
})

describe('every loss variant trains with finite losses', () => {
  for (const mode of ['cyclegan', 'pix2pix'] as const) {
    for (const loss of LOSSES) {
      it(`${mode}, ${loss}, spectral norm, 2 D steps`, async () => {
        const config = tinyConfig(mode, { loss, spectralNorm: true, dSteps: 2, poolSize: 1 })
        const trainer = await createTrainer(config)
        try {
          const channels = channelsOf(mode)
          for (let i = 0; i < 2; i++) {
            const stats = await trainer.trainStep(inversionBatch(config.size, channels.in, channels.out, i))
            const expectedLosses = mode === 'cyclegan' ? ['G', 'G_A', 'G_B', 'cycle', 'identity', 'D_A', 'D_B'] : ['G', 'G_GAN', 'L1', 'D']
            expect(Object.keys(stats.losses).sort()).toEqual(expectedLosses.sort())
            for (const value of [...Object.values(stats.losses), stats.dReal, stats.dFake, stats.lr, stats.ms]) expect(Number.isFinite(value)).toBe(true)
            expect(stats.dReal).toBeGreaterThanOrEqual(0)
            expect(stats.dReal).toBeLessThanOrEqual(1)
          }
        } finally {
          trainer.dispose()
        }
      })
    }
  }
})

/** σ₁ of a tfjs kernel [kH, kW, in, out] seen as the matrix [out, kH·kW·in], by power iteration on WᵀW. */
function largestSingularValue(kernel: Float32Array, out: number): number {
  const rest = kernel.length / out
  let v = Array.from({ length: rest }, (_, i) => Math.sin(i + 1))
  let sigma = 0
  for (let iteration = 0; iteration < 500; iteration++) {
    const u = Array.from({ length: out }, (_, o) => v.reduce((sum, vi, r) => sum + kernel[r * out + o]! * vi, 0))
    const next = Array.from({ length: rest }, (_, r) => u.reduce((sum, uo, o) => sum + kernel[r * out + o]! * uo, 0))
    const length = Math.hypot(...next)
    sigma = Math.sqrt(length)
    v = next.map((x) => x / length)
  }
  return sigma
}
