import * as tf from '@tensorflow/tfjs'
import type { ParamSet } from './params'

const EPSILON = 1e-12

/**
 * Spectral normalisation (Miyato et al. 2018) of a tfjs conv kernel [kH, kW, in, out], seen as PyTorch's matrix
 * W [out, kH·kW·in]: the kernel is divided by σ = uᵀWv, where u and v come from one power iteration per
 * discriminator update. u and v are state (saved, not trained); the gradient flows through W only, as in PyTorch.
 */
export function spectrallyNormalised(p: ParamSet, name: string, kernel: tf.Variable): () => tf.Tensor4D {
  const out = kernel.shape[3]!
  const rest = kernel.size / out
  const u = p.stateVariable(`${name}.sn_u`, tf.tidy(() => normalise(tf.tensor(p.initialValues(`${name}.sn_u`, [out]), [out, 1]))))
  const v = p.stateVariable(`${name}.sn_v`, tf.zeros([rest, 1]))
  const iterate = (): void =>
    tf.tidy(() => {
      const matrixT = tf.reshape(kernel, [rest, out])
      v.assign(normalise(tf.matMul(matrixT, u)))
      u.assign(normalise(tf.matMul(matrixT, v, true, false)))
    })
  iterate()
  p.updates.push(iterate)
  return () => {
    const sigma = tf.sum(tf.mul(u, tf.matMul(tf.reshape(kernel, [rest, out]), v, true, false)))
    return tf.div(kernel, sigma) as tf.Tensor4D
  }
}

function normalise(x: tf.Tensor): tf.Tensor {
  return tf.div(x, tf.add(tf.norm(x), EPSILON))
}
