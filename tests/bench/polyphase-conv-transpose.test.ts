import { describe, expect, it } from 'vitest'
import { GraphBuilder, resnetGenerator, seededWeights, type Padding } from '../../src-main/onnx'
import { decodeGraph } from '../../src-main/onnx/graph-edit'
import { polyphaseConvTranspose } from '../../bench/ort-variants/polyphase-conv-transpose'
import { maxAbsDiff, randomImage, runModel } from '../onnx/ort'
import type { Nchw } from '../onnx/reference-ops'
import { photoFiles, photoInput } from '../helpers/photo-input'

// Float32 sums taken in another order: the rewritten graph must agree to rounding, not approximately.
const TOLERANCE = 1e-5

const opTypes = (bytes: Uint8Array): string[] => (decodeGraph(bytes).graph.node ?? []).map((n) => n.opType ?? '')

function convTransposeModel(kernel: number, stride: number, pad: Padding, outputPad: number, bias = true): Uint8Array {
  const g = new GraphBuilder({ inChannels: 4, weights: seededWeights(3, 0.3) })
  return g.build(g.convTranspose(g.input, { name: 'up', outChannels: 5, kernel, stride, pad, outputPad, bias })).bytes
}

describe('polyphaseConvTranspose', () => {
  const cases = [
    { label: 'PyTorch ×2 (kernel 3, padding 1, output_padding 1)', kernel: 3, stride: 2, pad: 1, outputPad: 1 },
    { label: 'kernel 4, padding 1 (pix2pix), no bias', kernel: 4, stride: 2, pad: 1, outputPad: 0, bias: false },
    { label: "tfjs 'same' (pads [0, 0, 1, 1])", kernel: 3, stride: 2, pad: [0, 0, 1, 1] as const, outputPad: 0 },
    { label: '×3 (kernel 5, padding 1)', kernel: 5, stride: 3, pad: 1, outputPad: 0 }
  ]
  for (const { label, kernel, stride, pad, outputPad, bias } of cases) {
    it(`gives the ConvTranspose's output with Convs and DepthToSpace: ${label}`, async () => {
      const model = convTransposeModel(kernel, stride, pad, outputPad, bias)
      const { bytes, rewritten } = polyphaseConvTranspose(model)
      expect(rewritten).toBe(1)
      expect(opTypes(bytes)).toEqual([...Array<string>(stride * stride).fill('Conv'), 'Concat', 'DepthToSpace'])
      const input = randomImage([1, 4, 9, 7], 11)
      const [expected, actual] = [await runModel(model, input), await runModel(bytes, input)]
      expect(actual.dims).toEqual(expected.dims)
      expect(maxAbsDiff(actual.data, expected.data)).toBeLessThanOrEqual(TOLERANCE)
    })
  }

  it('leaves a ConvTranspose whose output is not exactly stride × input as it is', () => {
    const model = convTransposeModel(5, 3, 1, 1) // 3·(n − 1) + 5 − 2 + 1 = 3n + 1
    expect(polyphaseConvTranspose(model)).toEqual({ bytes: model, rewritten: 0 })
  })

  it('rewrites the ResNet generator’s upsamplings, drops their old weights and keeps its output on a photo', { timeout: 120_000 }, async () => {
    const model = resnetGenerator({ inChannels: 3, outChannels: 3, ngf: 16, nBlocks: 3, upsampling: 'transpose', weights: seededWeights(1) }).bytes
    const { bytes, rewritten } = polyphaseConvTranspose(model)
    expect(rewritten).toBe(2)
    expect(opTypes(bytes)).not.toContain('ConvTranspose')
    expect((decodeGraph(bytes).graph.initializer ?? []).map((t) => t.name)).not.toContain('up1.conv.weight')
    const image = await photoInput(photoFiles[0]!, 128)
    const input: Nchw = { data: image.data, dims: [1, 3, 128, 128] }
    const [expected, actual] = [await runModel(model, input), await runModel(bytes, input)]
    expect(maxAbsDiff(actual.data, expected.data)).toBeLessThanOrEqual(TOLERANCE)
  })
})
