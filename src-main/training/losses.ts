import * as tf from '@tensorflow/tfjs'
import type { TrainConfig } from './config'
import type { Layer } from './nets/layers'

export type GanLoss = TrainConfig['loss']

/**
 * The adversarial loss of raw discriminator scores against a real (true) or fake (false) target:
 * lsgan mean (s − t)²; vanilla the cross-entropy of sigmoid(s), which for the generator's "real" target is the
 * non-saturating loss; wgan-gp −mean(s) for real, mean(s) for fake.
 */
export function ganLoss(kind: GanLoss, scores: tf.Tensor, real: boolean): tf.Scalar {
  switch (kind) {
    case 'lsgan':
      return tf.mean(tf.square(tf.sub(scores, real ? 1 : 0))) as tf.Scalar
    case 'vanilla':
      return tf.mean(tf.softplus(real ? tf.neg(scores) : scores)) as tf.Scalar
    case 'wgan-gp':
      return (real ? tf.neg(tf.mean(scores)) : tf.mean(scores)) as tf.Scalar
  }
}

/** The discriminator's loss: half the sum of real and fake terms (the reference's ×0.5), or the critic's difference. */
export function discriminatorLoss(kind: GanLoss, realScores: tf.Tensor, fakeScores: tf.Tensor): tf.Scalar {
  const sum: tf.Scalar = tf.add(ganLoss(kind, realScores, true), ganLoss(kind, fakeScores, false))
  return kind === 'wgan-gp' ? sum : tf.mul(sum, 0.5)
}

/**
 * WGAN-GP's penalty mean((‖∇ D(x̂)‖₂ − 1)²) at x̂ = ε·real + (1 − ε)·fake, per sample. `critic` must be built
 * from twice-differentiable ops; `condition` (pix2pix's input image) is joined to x̂ before the critic.
 */
export function gradientPenalty(critic: Layer, real: tf.Tensor4D, fake: tf.Tensor4D, epsilon: number, condition?: tf.Tensor4D): tf.Scalar {
  const mixed = tf.add(tf.mul(real, epsilon), tf.mul(fake, 1 - epsilon)) as tf.Tensor4D
  const scoreSum = (x: tf.Tensor): tf.Scalar => tf.sum(critic(condition ? tf.concat([condition, x as tf.Tensor4D], 3) : (x as tf.Tensor4D)))
  const gradient = tf.grad(scoreSum)(mixed)
  const norms = tf.sqrt(tf.add(tf.sum(tf.square(gradient), [1, 2, 3]), 1e-12))
  return tf.mean(tf.square(tf.sub(norms, 1)))
}

/** Mean absolute difference (L1), for cycle, identity and pix2pix reconstruction losses. */
export function l1(a: tf.Tensor, b: tf.Tensor): tf.Scalar {
  return tf.mean(tf.abs(tf.sub(a, b)))
}

/**
 * Mean raw scores of real and fake images as probability-like figures in [0, 1] for the balance display:
 * vanilla sigmoid(score) (the discriminator's own probability); lsgan clamp(score, 0, 1) (its scores regress onto
 * the labels 1 and 0); wgan-gp sigmoid of each mean minus their midpoint (critic scores have no scale, only a gap).
 */
export function balance(kind: GanLoss, realScores: tf.Tensor, fakeScores: tf.Tensor): { dReal: number; dFake: number } {
  return tf.tidy(() => {
    const real = tf.mean(realScores).dataSync()[0]!
    const fake = tf.mean(fakeScores).dataSync()[0]!
    if (kind === 'lsgan') return { dReal: clamp01(real), dFake: clamp01(fake) }
    if (kind === 'vanilla') return { dReal: tf.mean(tf.sigmoid(realScores)).dataSync()[0]!, dFake: tf.mean(tf.sigmoid(fakeScores)).dataSync()[0]! }
    const mid = (real + fake) / 2
    return { dReal: sigmoid(real - mid), dFake: sigmoid(fake - mid) }
  })
}

const clamp01 = (v: number): number => Math.min(1, Math.max(0, v))
const sigmoid = (v: number): number => 1 / (1 + Math.exp(-v))
