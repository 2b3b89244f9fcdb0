import { describe, expect, it } from 'vitest'
import { GraphBuilder, seededWeights, type Padding, type Tensor, type WeightSource } from '../../src-main/onnx'
import { maxAbsDiff, randomImage, randomValues, runModel } from './ort'
import * as ref from './reference-ops'

const TOLERANCE = 1e-5

/** Uniform random weights (biases included, unlike seededWeights) that the test can read back by name. */
function recordedWeights(): { weights: WeightSource; get: (name: string) => Float32Array } {
  const drawn = new Map<string, Float32Array>()
  const weights: WeightSource = (name, shape) => {
    const values = randomValues(shape.reduce((a, b) => a * b, 1), drawn.size + 17, 0.5)
    drawn.set(name, values)
    return values
  }
  const get = (name: string): Float32Array => drawn.get(name) ?? new Float32Array()
  return { weights, get }
}

/** Builds `op` applied to a model input of `input`'s channels, runs it in ORT, and returns ORT's output. */
async function runOneOp(input: ref.Nchw, weights: WeightSource, op: (g: GraphBuilder, x: Tensor) => Tensor): Promise<ref.Nchw> {
  const g = new GraphBuilder({ inChannels: input.dims[1], weights })
  return runModel(g.build(op(g, g.input)).bytes, input)
}

function expectClose(actual: ref.Nchw, expected: ref.Nchw): void {
  expect(actual.dims).toEqual(expected.dims)
  expect(maxAbsDiff(actual.data, expected.data)).toBeLessThanOrEqual(TOLERANCE)
}

describe('Conv', () => {
  const cases = [
    { label: '3×3, stride 1, pad 1, bias', kernel: 3, stride: 1, pad: 1, bias: true },
    { label: '7×7, no pad, no bias', kernel: 7, stride: 1, pad: 0, bias: false },
    { label: '3×3, stride 2, pad 1', kernel: 3, stride: 2, pad: 1, bias: true },
    { label: '4×4, stride 2, pad 1', kernel: 4, stride: 2, pad: 1, bias: true },
    { label: '3×3, stride 2, asymmetric pad (tfjs "same")', kernel: 3, stride: 2, pad: [0, 0, 1, 1] as const, bias: true }
  ]
  for (const { label, kernel, stride, pad, bias } of cases) {
    it(label, async () => {
      const input = randomImage([2, 3, 10, 12], 1)
      const { weights, get } = recordedWeights()
      const actual = await runOneOp(input, weights, (g, x) => g.conv(x, { name: 'c', outChannels: 5, kernel, stride, pad, bias }))
      const pads = typeof pad === 'number' ? [pad, pad, pad, pad] : pad
      expectClose(actual, ref.conv2d(input, get('c.weight'), bias ? get('c.bias') : undefined, 5, kernel, stride, pads))
    })
  }
})

describe('ConvTranspose', () => {
  const cases = [
    { label: '3×3, stride 2, pad 1, output pad 1 (ResNet upsample)', kernel: 3, pad: 1, outputPad: 1 },
    { label: '4×4, stride 2, pad 1 (U-Net upsample)', kernel: 4, pad: 1, outputPad: 0 },
    { label: '3×3, stride 2, pad [0, 0, 1, 1] (tfjs "same")', kernel: 3, pad: [0, 0, 1, 1] as const, outputPad: 0 }
  ]
  for (const { label, kernel, pad, outputPad } of cases) {
    it(label, async () => {
      const input = randomImage([2, 4, 5, 7], 2)
      const { weights, get } = recordedWeights()
      const actual = await runOneOp(input, weights, (g, x) => g.convTranspose(x, { name: 't', outChannels: 3, kernel, stride: 2, pad, outputPad }))
      const pads = typeof pad === 'number' ? [pad, pad, pad, pad] : pad
      expectClose(actual, ref.convTranspose2d(input, get('t.weight'), get('t.bias'), 3, kernel, 2, pads, outputPad))
    })
  }

  it('doubles height and width exactly at any size with pad 1, output pad 1', async () => {
    const { weights } = recordedWeights()
    for (const [h, w] of [[5, 5], [8, 13], [1, 2], [32, 48]] as const) {
      const output = await runOneOp(randomImage([1, 2, h, w], 3), weights, (g, x) =>
        g.convTranspose(x, { name: `t${h}x${w}`, outChannels: 2, kernel: 3, stride: 2, pad: 1, outputPad: 1 })
      )
      expect(output.dims).toEqual([1, 2, 2 * h, 2 * w])
    }
  })

  it('PyTorch pad 1 + output pad 1 and tfjs "same" give the same size, shifted by one pixel', async () => {
    const input = randomImage([1, 2, 6, 6], 11)
    const upsample = (pad: Padding, outputPad: number) => (g: GraphBuilder, x: Tensor) =>
      g.convTranspose(x, { name: 't', outChannels: 2, kernel: 3, stride: 2, pad, outputPad, bias: false })
    const pytorch = await runOneOp(input, seededWeights(3, 0.5), upsample(1, 1))
    const tfjsSame = await runOneOp(input, seededWeights(3, 0.5), upsample([0, 0, 1, 1], 0))
    expect(pytorch.dims).toEqual(tfjsSame.dims)
    expect(maxAbsDiff(pytorch.data, tfjsSame.data)).toBeGreaterThan(0.01)
    const [, c, h, w] = pytorch.dims
    let shiftedDiff = 0
    for (let ch = 0; ch < c; ch++) for (let y = 0; y < h - 1; y++) for (let x = 0; x < w - 1; x++) {
      shiftedDiff = Math.max(shiftedDiff, Math.abs(pytorch.data[(ch * h + y) * w + x]! - tfjsSame.data[(ch * h + y + 1) * w + x + 1]!))
    }
    expect(shiftedDiff).toBeLessThanOrEqual(TOLERANCE)
  })
})

describe('InstanceNormalization', () => {
  it('without learned parameters (scale 1, bias 0, epsilon 1e-5)', async () => {
    const input = randomImage([2, 3, 6, 5], 4)
    const actual = await runOneOp(input, recordedWeights().weights, (g, x) => g.instanceNorm(x, { name: 'n' }))
    expectClose(actual, ref.instanceNorm(input, new Float32Array([1, 1, 1]), new Float32Array(3), 1e-5))
  })

  it('with learned scale and bias', async () => {
    const input = randomImage([2, 3, 6, 5], 5)
    const { weights, get } = recordedWeights()
    const actual = await runOneOp(input, weights, (g, x) => g.instanceNorm(x, { name: 'n', affine: true }))
    expectClose(actual, ref.instanceNorm(input, get('n.scale'), get('n.bias'), 1e-5))
  })
})

describe('Pad', () => {
  it('reflect, 3 on every side (before a 7×7 conv)', async () => {
    const input = randomImage([1, 2, 8, 9], 6)
    expectClose(await runOneOp(input, recordedWeights().weights, (g, x) => g.pad(x, 3, 'reflect')), ref.pad2d(input, [3, 3, 3, 3], 'reflect'))
  })

  it('reflect, uneven sides', async () => {
    const input = randomImage([1, 2, 5, 6], 7)
    const pads = [1, 0, 2, 3] as const
    expectClose(await runOneOp(input, recordedWeights().weights, (g, x) => g.pad(x, pads, 'reflect')), ref.pad2d(input, pads, 'reflect'))
  })

  it('constant with a value', async () => {
    const input = randomImage([1, 2, 4, 4], 8)
    const pads = [2, 1, 0, 3] as const
    const actual = await runOneOp(input, recordedWeights().weights, (g, x) => g.pad(x, pads, 'constant', -0.75))
    expectClose(actual, ref.pad2d(input, pads, 'constant', -0.75))
  })
})

describe('pointwise and binary ops', () => {
  const input = randomImage([2, 3, 4, 5], 9)
  const cases: [string, (g: GraphBuilder, x: Tensor) => Tensor, (v: number) => number][] = [
    ['Relu', (g, x) => g.relu(x), (v) => Math.max(v, 0)],
    ['LeakyRelu(0.2)', (g, x) => g.leakyRelu(x, 0.2), (v) => (v < 0 ? 0.2 * v : v)],
    ['Tanh', (g, x) => g.tanh(x), Math.tanh],
    ['Sigmoid', (g, x) => g.sigmoid(x), (v) => 1 / (1 + Math.exp(-v))],
    ['Add (residual)', (g, x) => g.add(x, g.tanh(x)), (v) => v + Math.tanh(v)],
    ['Mul and Sub by constants ([0, 1] → [−1, 1])', (g, x) => g.sub(g.mul(x, 2), 1), (v) => v * 2 - 1],
    ['Add a constant', (g, x) => g.add(x, 0.5), (v) => v + 0.5]
  ]
  for (const [label, op, f] of cases) {
    it(label, async () => expectClose(await runOneOp(input, recordedWeights().weights, op), ref.map(input, f)))
  }

  it('Concat on channels (U-Net skip)', async () => {
    const actual = await runOneOp(input, recordedWeights().weights, (g, x) => g.concat([x, g.relu(x)]))
    expectClose(actual, ref.concatChannels(input, ref.map(input, (v) => Math.max(v, 0))))
  })

  it('refuses to add or concatenate values of different sizes', () => {
    const g = new GraphBuilder({ inChannels: 3, weights: recordedWeights().weights })
    const half = g.conv(g.input, { name: 'down', outChannels: 3, kernel: 3, stride: 2, pad: 1 })
    expect(() => g.add(g.input, half)).toThrow(/differ in height or width/)
    expect(() => g.concat([g.input, half])).toThrow(/differ in height or width/)
  })
})

describe('Resize ×2', () => {
  const input = randomImage([1, 2, 5, 4], 10)
  const cases = [
    { mode: 'nearest', coordinates: 'asymmetric' },
    { mode: 'linear', coordinates: 'half_pixel' },
    { mode: 'linear', coordinates: 'asymmetric' }
  ] as const
  for (const { mode, coordinates } of cases) {
    it(`${mode}, ${coordinates}`, async () => {
      const actual = await runOneOp(input, recordedWeights().weights, (g, x) => g.resize(x, { mode, coordinates }))
      expectClose(actual, ref.resize2d(input, 2, mode, coordinates))
    })
  }
})
