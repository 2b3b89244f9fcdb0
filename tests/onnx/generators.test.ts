import type { onnx as proto } from 'onnx-proto'
import { InferenceSession } from 'onnxruntime-node'
import { describe, expect, it } from 'vitest'
import { OPSET, resnetGenerator, seededWeights, unetGenerator, type BuiltModel } from '../../src-main/onnx'
import { onnx } from '../../src-main/onnx/onnx-proto'
import { maxAbsDiff, randomImage, runModel } from './ort'

/** Parameters of a k×k convolution with bias, as PyTorch counts them. */
const convParams = (inC: number, outC: number, k: number): number => inC * outC * k * k + outC

function referenceResnetParams(inC: number, outC: number, ngf: number, nBlocks: number): number {
  const [c1, c2, c4] = [ngf, 2 * ngf, 4 * ngf]
  const down = convParams(c1, c2, 3) + convParams(c2, c4, 3)
  const up = convParams(c4, c2, 3) + convParams(c2, c1, 3)
  return convParams(inC, c1, 7) + down + nBlocks * 2 * convParams(c4, c4, 3) + up + convParams(c1, outC, 7)
}

function referenceUnetParams(inC: number, outC: number, ngf: number, depth: number): number {
  let total = 0
  for (let level = 0; level < depth; level++) {
    const inner = ngf * Math.min(2 ** level, 8)
    const outer = level === 0 ? [inC, outC] : [ngf * Math.min(2 ** (level - 1), 8), ngf * Math.min(2 ** (level - 1), 8)]
    total += convParams(outer[0]!, inner, 4) + convParams(level === depth - 1 ? inner : 2 * inner, outer[1]!, 4)
  }
  return total
}

const generators: { label: string; inC: number; outC: number; make: (seed: number) => BuiltModel; params: number }[] = [
  {
    label: 'ResNet, ngf 8, 2 blocks, transposed-conv upsampling',
    inC: 3,
    outC: 3,
    make: (seed) => resnetGenerator({ inChannels: 3, outChannels: 3, ngf: 8, nBlocks: 2, upsampling: 'transpose', weights: seededWeights(seed) }),
    params: referenceResnetParams(3, 3, 8, 2)
  },
  {
    label: 'ResNet, ngf 8, 2 blocks, resize-conv upsampling',
    inC: 3,
    outC: 3,
    make: (seed) => resnetGenerator({ inChannels: 3, outChannels: 3, ngf: 8, nBlocks: 2, upsampling: 'resize-conv', weights: seededWeights(seed) }),
    params: referenceResnetParams(3, 3, 8, 2)
  },
  {
    label: 'U-Net, ngf 8, depth 3',
    inC: 3,
    outC: 3,
    make: (seed) => unetGenerator({ inChannels: 3, outChannels: 3, ngf: 8, depth: 3, weights: seededWeights(seed) }),
    params: referenceUnetParams(3, 3, 8, 3)
  },
  {
    label: 'U-Net, ngf 8, depth 4, L → ab (1 → 2 channels)',
    inC: 1,
    outC: 2,
    make: (seed) => unetGenerator({ inChannels: 1, outChannels: 2, ngf: 8, depth: 4, weights: seededWeights(seed) }),
    params: referenceUnetParams(1, 2, 8, 4)
  }
]

for (const { label, inC, outC, make, params } of generators) {
  describe(label, () => {
    it('runs at 32×32 and 64×48 (and batch 2), keeping the size, with outputs in (−1, 1)', async () => {
      const model = make(1)
      for (const dims of [[1, inC, 32, 32], [1, inC, 64, 48], [2, inC, 64, 64]] as const) {
        const output = await runModel(model.bytes, randomImage([...dims], 42))
        expect(output.dims).toEqual([dims[0], outC, dims[2], dims[3]])
        expect(output.data.every((v) => v > -1 && v < 1)).toBe(true)
      }
    })

    it('has the reference parameter count', () => {
      expect(make(1).parameterCount).toBe(params)
    })

    it('is byte-identical for the same seed and computes differently for another', async () => {
      const [a, b, c] = [make(7), make(7), make(8)]
      expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true)
      const input = randomImage([1, inC, 32, 32], 3)
      const [outA, outC2] = [await runModel(a.bytes, input), await runModel(c.bytes, input)]
      expect(maxAbsDiff(outA.data, outC2.data)).toBeGreaterThan(1e-3)
    })
  })
}

describe('model file', () => {
  const { bytes } = resnetGenerator({
    inChannels: 3,
    outChannels: 3,
    ngf: 8,
    nBlocks: 1,
    upsampling: 'transpose',
    weights: seededWeights(1),
    metadata: { task: 'stylize', domain_a: 'day', domain_b: 'night' }
  })

  it('declares opset 17, and input/output [batch, C, height, width] with symbolic sizes', () => {
    const model = onnx.ModelProto.decode(bytes)
    expect(OPSET).toBe(17)
    expect(model.opsetImport.map((o) => [o.domain, Number(o.version)])).toEqual([['', OPSET]])
    const signature = (values: proto.IValueInfoProto[] | null | undefined): unknown[] =>
      (values ?? []).map((v) => [v.name, ...(v.type?.tensorType?.shape?.dim ?? []).map((d) => d.dimParam || Number(d.dimValue))])
    expect(signature(model.graph?.input)).toEqual([['input', 'batch', 3, 'height', 'width']])
    expect(signature(model.graph?.output)).toEqual([['output', 'batch', 3, 'height', 'width']])
  })

  it('records metadata_props, created_by included', () => {
    const props = Object.fromEntries(onnx.ModelProto.decode(bytes).metadataProps.map((p) => [p.key, p.value]))
    expect(props).toEqual({ created_by: 'GAN Studio', task: 'stylize', domain_a: 'day', domain_b: 'night' })
  })

  it('loads in onnxruntime with the names the inference engine expects', async () => {
    const session = await InferenceSession.create(bytes)
    expect([session.inputNames, session.outputNames]).toEqual([['input'], ['output']])
    await session.release()
  })

  it('refuses a U-Net depth below 1', () => {
    expect(() => unetGenerator({ inChannels: 3, outChannels: 3, ngf: 8, depth: 0, weights: seededWeights(1) })).toThrow(/depth/)
  })
})
