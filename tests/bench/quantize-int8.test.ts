import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { InferenceSession, Tensor } from 'onnxruntime-node'
import { describe, expect, it } from 'vitest'
import { GraphBuilder, seededWeights } from '../../src-main/onnx'
import { quantizeWithCalibration, type CalibrationImage } from '../../bench/ort-variants/calibrate-int8'
import { decodeGraph } from '../../src-main/onnx/graph-edit'
import { convActivationNames, quantizeConvsInt8 } from '../../bench/ort-variants/quantize-int8'
import { tempDir } from '../helpers/temp-dir'
import { photoFiles, photoInput } from '../helpers/photo-input'

/** A conv → ReLU → conv network, small enough that int8 error stays near one quantisation step. */
function twoConvModel(): Uint8Array {
  const g = new GraphBuilder({ inChannels: 3, weights: seededWeights(5, 0.1) })
  const hidden = g.relu(g.conv(g.input, { name: 'c1', outChannels: 16, kernel: 3, pad: 1 }))
  return g.build(g.conv(hidden, { name: 'c2', outChannels: 3, kernel: 3, pad: 1 })).bytes
}

async function run(bytes: Uint8Array, image: CalibrationImage, options: InferenceSession.SessionOptions = {}): Promise<Float32Array> {
  const session = await InferenceSession.create(bytes, options)
  try {
    const input = new Tensor('float32', image.data, [1, 3, image.height, image.width])
    return (await session.run({ input }))['output']!.data as Float32Array
  } finally {
    await session.release()
  }
}

/** PSNR relative to the reference's own peak-to-peak range. */
function psnr(reference: Float32Array, test: Float32Array): number {
  let [squared, low, high] = [0, Infinity, -Infinity]
  reference.forEach((v, i) => {
    squared += (v - test[i]!) ** 2
    low = Math.min(low, v)
    high = Math.max(high, v)
  })
  return 10 * Math.log10((high - low) ** 2 / (squared / reference.length))
}

describe('int8 quantisation', () => {
  it('records each Conv input and output range over the calibration photos', async () => {
    const model = twoConvModel()
    const photos = await Promise.all(photoFiles.map((f) => photoInput(f, 64)))
    const { ranges } = await quantizeWithCalibration(model, photos)
    expect([...ranges.keys()].sort()).toEqual(convActivationNames(model).sort())
    const input = ranges.get('input')!
    const pixels = photos.flatMap((p) => [Math.min(...p.data), Math.max(...p.data)])
    expect(input).toEqual({ min: Math.min(...pixels), max: Math.max(...pixels) })
    expect(ranges.get('Relu_1')!.min).toBe(0)
  })

  it('runs on onnxruntime as QLinearConv and stays within 40 dB of the float model on a photo it was not calibrated on', async () => {
    const model = twoConvModel()
    const [held, ...calibration] = await Promise.all(photoFiles.map((f) => photoInput(f, 96)))
    const { bytes } = await quantizeWithCalibration(model, calibration)
    const nodes = decodeGraph(bytes).graph.node ?? []
    expect(nodes.filter((n) => n.opType === 'QuantizeLinear')).toHaveLength(4) // input, c1 out, ReLU out, c2 out
    expect(nodes.filter((n) => n.opType === 'DequantizeLinear')).toHaveLength(8) // the 4 values, 2 weights, 2 biases
    expect((decodeGraph(bytes).graph.initializer ?? []).map((t) => t.name)).not.toContain('c1.weight') // only its int8 copy remains

    const optimized = join(tempDir(), 'optimized.onnx')
    const quantised = await run(bytes, held!, { graphOptimizationLevel: 'extended', optimizedModelFilePath: optimized })
    const fusedOps = (decodeGraph(readFileSync(optimized)).graph.node ?? []).map((n) => n.opType)
    expect(fusedOps.filter((op) => op === 'QLinearConv')).toHaveLength(2)
    expect(fusedOps).not.toContain('Conv')
    expect(psnr(await run(model, held!), quantised)).toBeGreaterThanOrEqual(40)
  })

  it('refuses to quantise a Conv whose input has no calibration range', () => {
    expect(() => quantizeConvsInt8(twoConvModel(), new Map([['input', { min: -1, max: 1 }]]))).toThrow('no calibration range for c1')
  })
})
