import { describe, expect, it } from 'vitest'
import { loadOrt } from '../../src-main/inference/load-ort'
import { globalInstanceNormModels, resnetGenerator, seededWeights } from '../../src-main/onnx'
import { onnx } from '../../src-main/onnx/onnx-proto'
import { maxAbsDiff, randomImage, runModel } from '../onnx/ort'

const ort = loadOrt()
const model = resnetGenerator({ inChannels: 3, outChannels: 3, ngf: 8, nBlocks: 2, upsampling: 'transpose', weights: seededWeights(3) }).bytes
const split = globalInstanceNormModels(model)

describe('globalInstanceNormModels', () => {
  it('names a mean and a variance for each instance norm (3 stem/down, 4 in blocks, 2 up)', () => {
    expect(split.statistics).toHaveLength(2 * 9)
    expect(split.statistics.slice(0, 2)).toEqual(['stem.norm.global_norm.mean', 'stem.norm.global_norm.variance'])
  })

  it('leaves no InstanceNormalization in the apply model, which takes the statistics as [1, C, 1, 1] inputs', () => {
    const graph = onnx.ModelProto.decode(split.apply).graph!
    expect((graph.node ?? []).filter((n) => n.opType === 'InstanceNormalization')).toEqual([])
    const stemMean = (graph.input ?? []).find((i) => i.name === 'stem.norm.global_norm.mean')
    expect(stemMean?.type?.tensorType?.shape?.dim?.map((d) => Number(d.dimValue))).toEqual([1, 8, 1, 1])
  })

  it('reproduces the original model when fed the statistics of the same input', async () => {
    const input = randomImage([1, 3, 64, 96], 11)
    const tensor = new ort.Tensor('float32', input.data, [...input.dims])
    // Severity 3: ORT warns, harmlessly, of the scale and bias initializers its constant folding leaves unused.
    const create = (bytes: Uint8Array) => ort.InferenceSession.create(bytes, { logSeverityLevel: 3 })
    const [stats, apply] = await Promise.all([create(split.stats), create(split.apply)])
    const statistics = await stats.run({ input: tensor })
    expect(stats.outputNames).toEqual(split.statistics)
    const applied = (await apply.run({ input: tensor, ...statistics }))['output']!.data as Float32Array
    const original = await runModel(model, input)
    expect(maxAbsDiff(applied, original.data)).toBeLessThanOrEqual(1e-4)
    await Promise.all([stats.release(), apply.release()])
  })

  it('leaves a model without instance norm computing the same, with no statistics', async () => {
    const input = randomImage([1, 3, 32, 32], 2)
    const withoutNorm = onnx.ModelProto.decode(model)
    const graph = withoutNorm.graph!
    graph.node = (graph.node ?? []).map((n) =>
      n.opType === 'InstanceNormalization' ? { name: n.name, opType: 'Identity', input: (n.input ?? []).slice(0, 1), output: n.output } : n
    )
    graph.initializer = (graph.initializer ?? []).filter((t) => !/\.norm\d?\.(scale|bias)$/.test(t.name ?? ''))
    const bytes = onnx.ModelProto.encode(withoutNorm).finish()
    const unsplit = globalInstanceNormModels(bytes)
    expect(unsplit.statistics).toEqual([])
    expect(maxAbsDiff((await runModel(unsplit.apply, input)).data, (await runModel(bytes, input)).data)).toBe(0)
  })
})
