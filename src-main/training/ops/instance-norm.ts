import * as tf from '@tensorflow/tfjs'

const SPATIAL: [number, number] = [1, 2]
const BATCH_AND_SPATIAL: [number, number, number] = [0, 1, 2]

/**
 * PyTorch's InstanceNorm2d on NHWC: each sample's channels normalised over height and width with
 * the biased variance, then scaled by gamma and shifted by beta when given. One customGrad node
 * keeps only the normalised input and the inverse deviation for its analytic gradient, instead of
 * the many intermediates of moments/sub/div.
 */
export function instanceNorm(x: tf.Tensor4D, gamma?: tf.Tensor1D, beta?: tf.Tensor1D, epsilon = 1e-5): tf.Tensor4D {
  const channels = x.shape[3]
  for (const [name, param] of [['gamma', gamma], ['beta', beta]] as const) {
    if (param && (param.rank !== 1 || param.shape[0] !== channels)) {
      throw new Error(`instanceNorm: ${name} must have shape [${channels}], got [${param.shape.join(', ')}]`)
    }
  }
  const inputs: tf.Tensor[] = [x]
  if (gamma) inputs.push(gamma)
  if (beta) inputs.push(beta)

  const normalise = tf.customGrad((...args) => {
    const save = args.pop() as tf.GradSaveFunc
    const input = args[0] as tf.Tensor4D
    const { mean, variance } = tf.moments(input, SPATIAL, true)
    const invStd = tf.rsqrt(tf.add(variance, epsilon))
    const normalised = tf.mul(tf.sub(input, mean), invStd) as tf.Tensor4D
    let value = normalised
    if (gamma) value = tf.mul(value, gamma)
    if (beta) value = tf.add(value, beta)
    save([normalised, invStd])

    const gradFunc = (dy: tf.Tensor4D, saved: tf.Tensor[]): tf.Tensor[] => {
      const [xhat, inv] = saved as [tf.Tensor4D, tf.Tensor4D]
      const dxhat = gamma ? tf.mul(dy, gamma) : dy
      const meanD = tf.mean(dxhat, SPATIAL, true)
      const meanDX = tf.mean(tf.mul(dxhat, xhat), SPATIAL, true)
      const dx = tf.mul(tf.sub(tf.sub(dxhat, meanD), tf.mul(xhat, meanDX)), inv)
      const grads: tf.Tensor[] = [dx]
      if (gamma) grads.push(tf.sum(tf.mul(dy, xhat), BATCH_AND_SPATIAL))
      if (beta) grads.push(tf.sum(dy, BATCH_AND_SPATIAL))
      return grads
    }
    return { value, gradFunc }
  })
  return normalise(...inputs) as tf.Tensor4D
}
