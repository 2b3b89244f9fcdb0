import * as tf from '@tensorflow/tfjs'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { flip } from '../../src-main/training/ops/flip'
import { instanceNorm } from '../../src-main/training/ops/instance-norm'
import { recompute } from '../../src-main/training/ops/recompute'
import { reflectPad2d } from '../../src-main/training/ops/reflect-pad'

beforeAll(async () => {
  await tf.setBackend('cpu')
})

afterEach(() => {
  tf.disposeVariables()
})

/** A deterministic random tensor (tf's seeded generator). */
const random = (shape: number[], seed: number, scale = 1): tf.Tensor => tf.mul(tf.randomNormal(shape, 0, 1, 'float32', seed), scale)

/** Central-difference gradient of sum(f(x) * weights) with respect to x, one element at a time. */
function numericGradient(f: (x: tf.Tensor) => tf.Tensor, x: tf.Tensor, weights: tf.Tensor, step = 1e-2): Float32Array {
  const base = Float32Array.from(x.dataSync())
  const grad = new Float32Array(base.length)
  const loss = (values: Float32Array): number =>
    tf.tidy(() => tf.sum(tf.mul(f(tf.tensor(values, x.shape)), weights)).dataSync()[0]!)
  for (let i = 0; i < base.length; i++) {
    const probe = base.slice()
    probe[i] = base[i]! + step
    const up = loss(probe)
    probe[i] = base[i]! - step
    grad[i] = (up - loss(probe)) / (2 * step)
  }
  return grad
}

/** Largest absolute difference, relative to the largest magnitude of the expected values. */
function relativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  expect(actual.length).toBe(expected.length)
  let diff = 0
  let scale = 1e-6
  for (let i = 0; i < expected.length; i++) {
    diff = Math.max(diff, Math.abs(actual[i]! - expected[i]!))
    scale = Math.max(scale, Math.abs(expected[i]!))
  }
  return diff / scale
}

describe('flip', () => {
  it('reverses one axis like tf.reverse, for every axis of a rank-4 tensor', () => {
    const x = random([2, 3, 4, 5], 60)
    for (const axis of [0, 1, 2, 3]) expect(Array.from(flip(x, axis).dataSync())).toEqual(Array.from(tf.reverse(x, axis).dataSync()))
    expect(flip(tf.ones([1, 3]), 0).shape).toEqual([1, 3])
  })
})

describe('reflectPad2d', () => {
  it('mirrors without repeating the edge, like PyTorch ReflectionPad2d', () => {
    const x = tf.tensor4d([1, 2, 3, 4, 5, 6], [1, 2, 3, 1])
    const y = reflectPad2d(x, 1)
    expect(y.shape).toEqual([1, 4, 5, 1])
    expect(Array.from(y.dataSync())).toEqual([5, 4, 5, 6, 5, 2, 1, 2, 3, 2, 5, 4, 5, 6, 5, 2, 1, 2, 3, 2])
  })

  it('has the numeric gradient for several pads, odd sizes and channels', () => {
    for (const [shape, pad] of [
      [[1, 5, 6, 2], 1],
      [[2, 4, 7, 3], 3],
      [[1, 6, 5, 1], 2]
    ] as const) {
      const x = random([...shape], 1) as tf.Tensor4D
      const padded = [shape[0], shape[1] + 2 * pad, shape[2] + 2 * pad, shape[3]]
      const weights = random(padded, 2)
      const analytic = tf.grad((input: tf.Tensor) => tf.sum(tf.mul(reflectPad2d(input as tf.Tensor4D, pad), weights)))(x)
      const numeric = numericGradient((input) => reflectPad2d(input as tf.Tensor4D, pad), x, weights)
      expect(relativeError(analytic.dataSync(), numeric)).toBeLessThan(1e-3)
    }
  })

  it('refuses a pad that does not fit the image', () => {
    expect(() => reflectPad2d(tf.zeros([1, 3, 8, 1]) as tf.Tensor4D, 3)).toThrow(/smaller than the height 3/)
    expect(() => reflectPad2d(tf.zeros([1, 8, 8, 1]) as tf.Tensor4D, 1.5)).toThrow(/non-negative integer/)
  })
})

/** InstanceNorm2d written with tf's own differentiable ops; tf's autodiff is right for these. */
function decomposedInstanceNorm(x: tf.Tensor4D, gamma?: tf.Tensor, beta?: tf.Tensor, epsilon = 1e-5): tf.Tensor4D {
  const { mean, variance } = tf.moments(x, [1, 2], true)
  let y = tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, epsilon)))
  if (gamma) y = tf.mul(y, gamma)
  if (beta) y = tf.add(y, beta)
  return y as tf.Tensor4D
}

describe('instanceNorm', () => {
  it('gives each sample and channel zero mean and unit biased variance', () => {
    const x = tf.add(random([2, 5, 7, 3], 3, 4), 10) as tf.Tensor4D
    const { mean, variance } = tf.moments(instanceNorm(x), [1, 2])
    expect(Math.max(...Array.from(tf.abs(mean).dataSync()))).toBeLessThan(1e-5)
    expect(relativeError(variance.dataSync(), new Float32Array(6).fill(1))).toBeLessThan(1e-3)
    expect(relativeError(instanceNorm(x).dataSync(), decomposedInstanceNorm(x).dataSync())).toBeLessThan(1e-5)
  })

  it('has the numeric gradient for x, and the same gradients as tf autodiff for x, gamma and beta', () => {
    const x = random([2, 4, 5, 3], 4, 2) as tf.Tensor4D
    const gamma = random([3], 5) as tf.Tensor1D
    const beta = random([3], 6) as tf.Tensor1D
    const weights = random([2, 4, 5, 3], 7)
    const lossOf = (norm: typeof instanceNorm) => (a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.mul(norm(a as tf.Tensor4D, g as tf.Tensor1D, b as tf.Tensor1D), weights))
    const ours = tf.grads(lossOf(instanceNorm))([x, gamma, beta])
    const reference = tf.grads(lossOf(decomposedInstanceNorm))([x, gamma, beta])
    for (let i = 0; i < 3; i++) expect(relativeError(ours[i]!.dataSync(), reference[i]!.dataSync())).toBeLessThan(1e-4)

    const numeric = numericGradient((a) => instanceNorm(a as tf.Tensor4D, gamma, beta), x, weights)
    expect(relativeError(ours[0]!.dataSync(), numeric)).toBeLessThan(1e-2)
  })

  it('works without affine parameters', () => {
    const x = random([1, 6, 3, 2], 8) as tf.Tensor4D
    const weights = random([1, 6, 3, 2], 9)
    const ours = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(instanceNorm(a as tf.Tensor4D), weights)))(x)
    const reference = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(decomposedInstanceNorm(a as tf.Tensor4D), weights)))(x)
    expect(relativeError(ours.dataSync(), reference.dataSync())).toBeLessThan(1e-4)
  })

  it('passes gradients to gamma and beta variables through tf.variableGrads', () => {
    const x = random([1, 4, 4, 2], 10) as tf.Tensor4D
    const weights = random([1, 4, 4, 2], 11)
    const gamma = tf.variable(tf.tensor1d([1.5, 0.5]))
    const beta = tf.variable(tf.tensor1d([0.1, -0.2]))
    const { grads } = tf.variableGrads(() => tf.sum(tf.mul(instanceNorm(x, gamma, beta), weights)) as tf.Scalar)
    const expected = tf.grads((g: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(decomposedInstanceNorm(x, g, b), weights)))([gamma, beta])
    expect(relativeError(grads[gamma.name]!.dataSync(), expected[0]!.dataSync())).toBeLessThan(1e-4)
    expect(relativeError(grads[beta.name]!.dataSync(), expected[1]!.dataSync())).toBeLessThan(1e-4)
  })

  it('refuses gamma or beta of the wrong length', () => {
    expect(() => instanceNorm(tf.zeros([1, 2, 2, 3]) as tf.Tensor4D, tf.ones([2]) as tf.Tensor1D)).toThrow(/gamma must have shape \[3\]/)
  })
})

/** A residual block as the networks build it: pad, conv, norm, relu, pad, conv, norm, skip. */
function residualBlock(channels: number, seed: number) {
  const w1 = tf.variable(random([3, 3, channels, channels], seed, 0.3) as tf.Tensor4D)
  const w2 = tf.variable(random([3, 3, channels, channels], seed + 1, 0.3) as tf.Tensor4D)
  const gamma = tf.variable(tf.add(random([channels], seed + 2, 0.1), 1) as tf.Tensor1D)
  const beta = tf.variable(random([channels], seed + 3, 0.1) as tf.Tensor1D)
  const fn = (x: tf.Tensor4D): tf.Tensor4D => {
    let h = tf.conv2d(reflectPad2d(x, 1), w1 as tf.Tensor4D, 1, 'valid')
    h = tf.relu(instanceNorm(h, gamma as tf.Tensor1D, beta as tf.Tensor1D))
    h = tf.conv2d(reflectPad2d(h, 1), w2 as tf.Tensor4D, 1, 'valid')
    return tf.add(x, instanceNorm(h))
  }
  return { fn, params: [w1, w2, gamma, beta] }
}

describe('recompute', () => {
  it('gives the same value and the same gradients for x and every variable as the plain function', () => {
    const { fn, params } = residualBlock(3, 20)
    const x = random([1, 6, 5, 3], 30) as tf.Tensor4D
    const weights = random([1, 6, 5, 3], 31)
    const checkpointed = recompute(fn, params)
    expect(relativeError(checkpointed(x).dataSync(), fn(x).dataSync())).toBeLessThan(1e-6)

    const lossWith = (block: (x: tf.Tensor4D) => tf.Tensor4D) => () => tf.sum(tf.mul(block(block(x)), weights)) as tf.Scalar
    const plain = tf.variableGrads(lossWith(fn))
    const ours = tf.variableGrads(lossWith(checkpointed))
    expect(ours.value.dataSync()[0]).toBeCloseTo(plain.value.dataSync()[0]!, 4)
    for (const p of params) expect(relativeError(ours.grads[p.name]!.dataSync(), plain.grads[p.name]!.dataSync())).toBeLessThan(1e-4)

    const dxPlain = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(fn(a as tf.Tensor4D), weights)))(x)
    const dxOurs = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(checkpointed(a as tf.Tensor4D), weights)))(x)
    expect(relativeError(dxOurs.dataSync(), dxPlain.dataSync())).toBeLessThan(1e-4)
  })

  it('nests: a checkpointed network of checkpointed blocks has the same gradients as the plain one', () => {
    const first = residualBlock(2, 60)
    const second = residualBlock(2, 70)
    const params = [...first.params, ...second.params]
    type Block = (x: tf.Tensor4D) => tf.Tensor4D
    const network =
      (inner: (block: ReturnType<typeof residualBlock>) => Block): Block =>
      (x) =>
        inner(second)(tf.relu(inner(first)(x)))
    const plain = network((block) => block.fn)
    const nested = recompute(network((block) => recompute(block.fn, block.params)), params)
    const x = random([1, 5, 6, 2], 80) as tf.Tensor4D
    const weights = random([1, 5, 6, 2], 81)
    const twoPasses = (net: Block) => () => tf.sum(tf.mul(net(net(x)), weights)) as tf.Scalar
    const expected = tf.variableGrads(twoPasses(plain), params)
    const ours = tf.variableGrads(twoPasses(nested), params)
    for (const p of params) expect(relativeError(ours.grads[p.name]!.dataSync(), expected.grads[p.name]!.dataSync())).toBeLessThan(1e-4)
  })

  it('trains variables through optimizer.minimize exactly like the plain function, without leaking tensors', () => {
    const steps = (useRecompute: boolean): ArrayLike<number>[] => {
      const { fn, params } = residualBlock(2, 40)
      const block = useRecompute ? recompute(fn, params) : fn
      const x = random([1, 5, 5, 2], 50) as tf.Tensor4D
      const target = random([1, 5, 5, 2], 51)
      const optimizer = tf.train.adam(0.01)
      const loss = () => tf.mean(tf.abs(tf.sub(block(x), target))) as tf.Scalar
      tf.tidy(() => { optimizer.minimize(loss) })
      const tensorsBefore = tf.memory().numTensors
      for (let i = 0; i < 3; i++) tf.tidy(() => { optimizer.minimize(loss) })
      expect(tf.memory().numTensors).toBe(tensorsBefore)
      const values = params.map((p) => p.dataSync().slice())
      optimizer.dispose()
      return values
    }
    const plain = steps(false)
    const ours = steps(true)
    for (let i = 0; i < plain.length; i++) expect(relativeError(ours[i]!, plain[i]!)).toBeLessThan(1e-4)
    // Training moved the variables: the comparison above is not between two untouched copies.
    const untouched = residualBlock(2, 40).params.map((p) => p.dataSync())
    expect(relativeError(ours[0]!, untouched[0]!)).toBeGreaterThan(1e-3)
  })
})
