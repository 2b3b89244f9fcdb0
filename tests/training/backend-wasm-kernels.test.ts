import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { selectTrainingBackend } from '../../src-main/training/backend/select-backend'
import { WASM_TRAINING_KERNELS } from '../../src-main/training/backend/wasm-kernels'

type Pad = tf.Conv2DBackpropInputAttrs['pad']
interface Case {
  input: [number, number, number, number]
  filter: [number, number, number, number]
  stride: number | [number, number]
  pad: Pad
  rounding?: 'floor' | 'round' | 'ceil'
}

const cases: Case[] = [
  { input: [1, 9, 7, 3], filter: [3, 3, 3, 5], stride: 1, pad: 'same' },
  { input: [2, 11, 13, 4], filter: [3, 3, 4, 6], stride: 2, pad: 'same' },
  { input: [1, 10, 10, 3], filter: [3, 3, 3, 4], stride: 2, pad: 'same' },
  { input: [1, 12, 9, 2], filter: [4, 3, 2, 3], stride: [2, 1], pad: 'valid' },
  { input: [2, 13, 13, 3], filter: [7, 7, 3, 8], stride: 1, pad: 'valid' },
  { input: [1, 15, 14, 5], filter: [3, 3, 5, 2], stride: 2, pad: 'valid' },
  { input: [1, 8, 9, 3], filter: [3, 3, 3, 4], stride: 2, pad: [[0, 0], [1, 1], [1, 1], [0, 0]] },
  { input: [1, 7, 8, 2], filter: [3, 5, 2, 3], stride: 1, pad: [[0, 0], [0, 3], [4, 1], [0, 0]] },
  { input: [1, 9, 9, 4], filter: [1, 1, 4, 6], stride: 2, pad: 'valid' },
  { input: [1, 10, 11, 3], filter: [3, 3, 3, 3], stride: 3, pad: 1, rounding: 'ceil' },
  { input: [2, 10, 12, 3], filter: [4, 4, 3, 5], stride: 2, pad: 'same' },
  { input: [1, 11, 9, 2], filter: [5, 2, 2, 3], stride: [3, 2], pad: 'same' }
]

function values(size: number, seed: number): Float32Array {
  let state = seed
  return Float32Array.from({ length: size }, () => {
    state = (state * 1103515245 + 12345) % 2147483648
    return state / 1073741824 - 1
  })
}

const count = (shape: number[]) => shape.reduce((a, b) => a * b, 1)

function outputShape(c: Case): [number, number, number, number] {
  return tf.backend_util.computeConv2DInfo(c.input, c.filter, c.stride, 1, c.pad, c.rounding).outShape
}

/** Both backprop kernels of a case, run on the named backend from the same numbers. */
async function backprops(backend: string, c: Case, seed: number): Promise<{ filterGrad: Float32Array; inputGrad: Float32Array }> {
  await tf.setBackend(backend)
  const dyShape = outputShape(c)
  return tf.tidy(() => {
    const x = tf.tensor4d(values(count(c.input), seed), c.input)
    const filter = tf.tensor4d(values(count(c.filter), seed + 1), c.filter)
    const dy = tf.tensor4d(values(count(dyShape), seed + 2), dyShape)
    const attrs = { strides: c.stride, pad: c.pad, dataFormat: 'NHWC', dimRoundingMode: c.rounding } as const
    const filterAttrs: tf.Conv2DBackpropFilterAttrs = { ...attrs, filterShape: c.filter }
    const inputAttrs: tf.Conv2DBackpropInputAttrs = { ...attrs, inputShape: c.input }
    const filterGrad = tf.engine().runKernel(tf.Conv2DBackpropFilter, { x, dy }, filterAttrs as unknown as tf.NamedAttrMap) as tf.Tensor
    const inputGrad = tf.engine().runKernel(tf.Conv2DBackpropInput, { dy, filter }, inputAttrs as unknown as tf.NamedAttrMap) as tf.Tensor
    return { filterGrad: filterGrad.dataSync() as Float32Array, inputGrad: inputGrad.dataSync() as Float32Array }
  })
}

function relativeError(actual: Float32Array, expected: Float32Array): number {
  expect(actual.length).toBe(expected.length)
  let diff = 0
  let scale = 1e-6
  expected.forEach((e, i) => {
    diff = Math.max(diff, Math.abs(actual[i]! - e))
    scale = Math.max(scale, Math.abs(e))
  })
  return diff / scale
}

beforeAll(async () => {
  await selectTrainingBackend(['wasm'])
})

describe('wasm conv backprop kernels', () => {
  it('are the ones the wasm backend runs', () => {
    for (const config of WASM_TRAINING_KERNELS) expect(tf.getKernel(config.kernelName, 'wasm')?.kernelFunc).toBe(config.kernelFunc)
  })

  it.each(cases.map((c, i) => [i, c] as const))('case %i matches the cpu backend: %j', async (i, c) => {
    const ours = await backprops('wasm', c, 100 * i + 1)
    const reference = await backprops('cpu', c, 100 * i + 1)
    expect(relativeError(ours.filterGrad, reference.filterGrad)).toBeLessThan(1e-4)
    expect(relativeError(ours.inputGrad, reference.inputGrad)).toBeLessThan(1e-4)
  })

  it('give conv2d gradients and conv2dTranspose (the generator upsampling) the cpu backend’s values', async () => {
    const run = async (backend: string) => {
      await tf.setBackend(backend)
      return tf.tidy(() => {
        const x = tf.tensor4d(values(2 * 8 * 8 * 4, 7), [2, 8, 8, 4])
        const up = tf.tensor4d(values(3 * 3 * 2 * 4, 8), [3, 3, 2, 4])
        const down = tf.tensor4d(values(3 * 3 * 2 * 3, 9), [3, 3, 2, 3])
        const target = tf.tensor4d(values(2 * 8 * 8 * 3, 10), [2, 8, 8, 3])
        const loss = (input: tf.Tensor, upFilter: tf.Tensor, downFilter: tf.Tensor) => {
          const upsampled = tf.conv2dTranspose(input as tf.Tensor4D, upFilter as tf.Tensor4D, [2, 16, 16, 2], 2, 'same')
          const h = tf.conv2d(tf.relu(upsampled), downFilter as tf.Tensor4D, 2, 'same')
          return tf.mean(tf.square(tf.sub(h, target)))
        }
        return tf.grads(loss)([x, up, down]).map((g) => g.dataSync() as Float32Array)
      })
    }
    const ours = await run('wasm')
    const reference = await run('cpu')
    for (let i = 0; i < 3; i++) expect(relativeError(ours[i]!, reference[i]!)).toBeLessThan(1e-4)
  })

  it('refuses NCHW with a clear message', async () => {
    await tf.setBackend('wasm')
    const dy = tf.zeros([1, 2, 4, 4]) as tf.Tensor4D
    const filter = tf.zeros([3, 3, 2, 2]) as tf.Tensor4D
    expect(() =>
      tf.engine().runKernel(tf.Conv2DBackpropInput, { dy, filter }, { strides: 1, pad: 'same', dataFormat: 'NCHW', inputShape: [1, 2, 4, 4] })
    ).toThrow(/supports NHWC only/)
  })
})
