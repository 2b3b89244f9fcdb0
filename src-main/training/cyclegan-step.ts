import * as tf from '@tensorflow/tfjs'
import { balance, discriminatorLoss, ganLoss, gradientPenalty, l1 } from './losses'
import type { Network } from './nets/networks'
import { descend, Kept, updateSpectralNorms, type StepResult, type TrainState } from './train-state'

/**
 * One CycleGAN iteration in the reference's order: G_A and G_B together (adversarial, cycle and identity losses),
 * then `dSteps` updates of D_A and D_B on real images and generated ones drawn through the image pools.
 */
export function cycleGanStep(s: TrainState, a: tf.Tensor4D, b: tf.Tensor4D, lr: number): StepResult {
  const { config, nets } = s
  const gA = nets.generators.AtoB!
  const gB = nets.generators.BtoA!
  const dA = nets.discriminators['D_A']!
  const dB = nets.discriminators['D_B']!
  const kept = new Kept()
  try {
    let fakeB!: tf.Tensor4D
    let fakeA!: tf.Tensor4D
    descend(s.gAdam, lr, () => {
      fakeB = kept.keep(gA.apply(a))
      fakeA = kept.keep(gB.apply(b))
      const adversarialA = kept.part('G_A', ganLoss(config.loss, dA.apply(fakeB), true))
      const adversarialB = kept.part('G_B', ganLoss(config.loss, dB.apply(fakeA), true))
      const cycle = kept.part('cycle', tf.mul(tf.add(l1(gB.apply(fakeB), a), l1(gA.apply(fakeA), b)), config.lambdaCycle))
      const terms = [adversarialA, adversarialB, cycle]
      if (config.lambdaIdentity > 0) {
        const identity = tf.add(l1(gA.apply(b), b), l1(gB.apply(a), a))
        terms.push(kept.part('identity', tf.mul(identity, config.lambdaCycle * config.lambdaIdentity)))
      }
      return kept.part('G', tf.addN(terms))
    })
    const pooledB = fromPool(s.pools.b.query(toArray(fakeB)), fakeB.shape, kept)
    const pooledA = fromPool(s.pools.a.query(toArray(fakeA)), fakeA.shape, kept)
    let shown = { dReal: 0, dFake: 0 }
    for (let i = 0; i < config.dSteps; i++) {
      updateSpectralNorms(nets)
      descend(s.dAdam, lr, () => {
        const [lossA, realA, fakeScoresA] = criticLoss(s, dA, b, pooledB)
        const [lossB, realB, fakeScoresB] = criticLoss(s, dB, a, pooledA)
        kept.part('D_A', lossA)
        kept.part('D_B', lossB)
        const balanceA = balance(config.loss, realA, fakeScoresA)
        const balanceB = balance(config.loss, realB, fakeScoresB)
        shown = { dReal: (balanceA.dReal + balanceB.dReal) / 2, dFake: (balanceA.dFake + balanceB.dFake) / 2 }
        return tf.add(lossA, lossB)
      })
    }
    return { losses: kept.values(), ...shown }
  } finally {
    kept.dispose()
  }
}

/** D's loss on one real and one generated image, with its raw scores on each. */
function criticLoss(s: TrainState, d: Network, real: tf.Tensor4D, fake: tf.Tensor4D): [tf.Scalar, tf.Tensor, tf.Tensor] {
  const realScores = d.apply(real)
  const fakeScores = d.apply(fake)
  let loss = discriminatorLoss(s.config.loss, realScores, fakeScores)
  if (s.config.loss === 'wgan-gp') loss = tf.add(loss, tf.mul(gradientPenalty(d.apply, real, fake, s.rng.uniform()), s.config.lambdaGp))
  return [loss, realScores, fakeScores]
}

function toArray(t: tf.Tensor): Float32Array {
  return (t.dataSync() as Float32Array).slice()
}

function fromPool(values: Float32Array, shape: tf.Tensor4D['shape'], kept: Kept): tf.Tensor4D {
  return kept.keep(tf.tensor4d(values, shape, 'float32'))
}
