import * as tf from '@tensorflow/tfjs'
import { balance, discriminatorLoss, ganLoss, gradientPenalty, l1 } from './losses'
import { descend, Kept, updateSpectralNorms, type StepResult, type TrainState } from './train-state'

/**
 * One pix2pix iteration in the reference's order: `dSteps` updates of D on (input, target) against
 * (input, G(input)), then G on the adversarial loss plus λ·L1 to the target. Colorize is this with L in, ab out.
 */
export function pix2pixStep(s: TrainState, input: tf.Tensor4D, target: tf.Tensor4D, lr: number): StepResult {
  const { config, nets } = s
  const g = nets.generators.AtoB!
  const d = nets.discriminators['D']!
  const judge = (output: tf.Tensor4D): tf.Tensor => d.apply(tf.concat([input, output], 3))
  const kept = new Kept()
  try {
    const fake = kept.keep(tf.tidy(() => g.apply(input)))
    let shown = { dReal: 0, dFake: 0 }
    for (let i = 0; i < config.dSteps; i++) {
      updateSpectralNorms(nets)
      descend(s.dAdam, lr, () => {
        const realScores = judge(target)
        const fakeScores = judge(fake)
        shown = balance(config.loss, realScores, fakeScores)
        let loss = discriminatorLoss(config.loss, realScores, fakeScores)
        if (config.loss === 'wgan-gp') loss = tf.add(loss, tf.mul(gradientPenalty(d.apply, target, fake, s.rng.uniform(), input), config.lambdaGp))
        return kept.part('D', loss)
      })
    }
    descend(s.gAdam, lr, () => {
      const output = g.apply(input)
      const adversarial = kept.part('G_GAN', ganLoss(config.loss, judge(output), true))
      const reconstruction = kept.part('L1', tf.mul(l1(output, target), config.lambdaL1))
      return kept.part('G', tf.add(adversarial, reconstruction))
    })
    return { losses: kept.values(), ...shown }
  } finally {
    kept.dispose()
  }
}
