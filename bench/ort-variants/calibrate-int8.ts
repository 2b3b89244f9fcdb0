import { loadOrt } from '../../src-main/inference/load-ort'
import { convActivationNames, exposeValues, quantizeConvsInt8, type ValueRange } from './quantize-int8'

/** One float32 planar image, [channels, height, width], normalised as the model expects. */
export interface CalibrationImage {
  data: Float32Array
  channels: number
  height: number
  width: number
}

/**
 * Runs the float model on each calibration image and records the range of every value int8 quantisation
 * needs (each Conv's input and output), then returns the int8 model. Use images like those the model will see.
 */
export async function quantizeWithCalibration(bytes: Uint8Array, images: readonly CalibrationImage[]): Promise<{ bytes: Uint8Array; ranges: Map<string, ValueRange> }> {
  if (images.length === 0) throw new Error('int8 calibration needs at least one image')
  const ort = loadOrt()
  const names = convActivationNames(bytes)
  const session = await ort.InferenceSession.create(exposeValues(bytes, names), { graphOptimizationLevel: 'basic', logSeverityLevel: 3 })
  const ranges = new Map<string, ValueRange>()
  try {
    for (const image of images) {
      const outputs = await session.run({ input: new ort.Tensor('float32', image.data, [1, image.channels, image.height, image.width]) }, names)
      for (const name of names) {
        const values = outputs[name]!.data as Float32Array
        const range = ranges.get(name) ?? { min: Infinity, max: -Infinity }
        for (let i = 0; i < values.length; i++) {
          const v = values[i]!
          if (v < range.min) range.min = v
          if (v > range.max) range.max = v
        }
        ranges.set(name, range)
      }
    }
  } finally {
    await session.release()
  }
  return { bytes: quantizeConvsInt8(bytes, ranges), ranges }
}
