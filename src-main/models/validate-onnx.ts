import { readFile } from 'node:fs/promises'
import type { InferenceSession } from 'onnxruntime-node'
import { StudioError } from '../common/studio-error'
import type { FixedSize, ModelPipeline } from '../../src-preload/model-card'
import { readOnnxProto } from './onnx-proto-info'
import { loadOrt } from '../inference/load-ort'


export interface OnnxInspection {
  inputName: string
  outputName: string
  inChannels: number
  outChannels: number
  /** The pipeline the channels fit: the one asked for, or the one inferred (1 → 2 lab-chroma, 3 → 3 rgb). */
  pipeline: ModelPipeline
  /** Present when the graph fixes the input's height and width. */
  fixedSize?: FixedSize
  opset: number
  producer: string
  metadata: Record<string, string>
}

/** The channels each pipeline takes and gives, and what to call them in messages. */
const PIPELINES: Record<ModelPipeline, { in: number; out: number; what: string; inNames: string; outNames: string }> = {
  'lab-chroma': { in: 1, out: 2, what: 'a colorizer', inNames: 'L', outNames: 'a and b' },
  rgb: { in: 3, out: 3, what: 'an RGB model', inNames: 'R, G and B', outNames: 'R, G and B' }
}

type TensorMeta = InferenceSession.TensorValueMetadata

/**
 * Opens the model in ONNX Runtime and checks it can serve as an image-to-image generator: one float32 NCHW image
 * input, one float32 NCHW output, channels fitting `pipeline` (inferred from the input's channels when not given).
 * Throws a StudioError saying exactly what is wrong otherwise.
 */
export async function inspectOnnx(source: Uint8Array | string, options: { pipeline?: ModelPipeline } = {}): Promise<OnnxInspection> {
  const bytes = typeof source === 'string' ? await readFile(source) : source
  const proto = readOnnxProto(bytes)
  const ort = loadOrt()
  let session: InferenceSession
  try {
    session = await ort.InferenceSession.create(bytes)
  } catch (err) {
    throw new StudioError('model-unloadable', `ONNX Runtime cannot load the model: ${(err as Error).message}`)
  }
  try {
    const input = single(session.inputMetadata, 'input')
    const output = single(session.outputMetadata, 'output')
    const [, inChannels, height, width] = nchw(input, 'input')
    const [, outChannels] = nchw(output, 'output')
    const pipeline = options.pipeline ?? inferPipeline(inChannels)
    checkChannels(pipeline, inChannels, outChannels)
    const fixedSize = spatialSize(height, width)
    return { inputName: input.name, outputName: output.name, inChannels, outChannels, pipeline, ...(fixedSize && { fixedSize }), ...proto }
  } finally {
    await session.release()
  }
}

function single(values: readonly InferenceSession.ValueMetadata[], side: 'input' | 'output'): TensorMeta {
  const [value] = values
  if (values.length !== 1 || !value) {
    const count = values.length === 0 ? 'no' : String(values.length)
    throw new StudioError('model-shape', `the model has ${count} ${side}s; GAN Studio needs one image ${side}`)
  }
  if (!value.isTensor) throw new StudioError('model-shape', `the ${side} "${value.name}" is not a tensor; GAN Studio needs an image tensor`)
  return value
}

/** Checks rank 4 float32 with a fixed channel count; returns [batch, channels, height, width]. */
function nchw(value: TensorMeta, side: 'input' | 'output'): [number | string, number, number | string, number | string] {
  const { shape, type } = value
  if (type !== 'float32') throw new StudioError('model-shape', `${side} must be 4-D NCHW float (got ${type})`)
  if (shape.length !== 4) {
    const got = shape.length === 0 ? 'no declared shape' : `rank ${shape.length}`
    throw new StudioError('model-shape', `${side} must be 4-D NCHW float (got ${got})`)
  }
  const [batch, channels, height, width] = shape as [number | string, number | string, number | string, number | string]
  if (typeof channels !== 'number') {
    throw new StudioError('model-shape', `${side} channels must be a fixed number in dimension 1 of NCHW (got "${channels}")`)
  }
  if (typeof batch === 'number' && batch !== 1) throw new StudioError('model-shape', `${side} batch size must be 1 or free (got ${batch})`)
  return [batch, channels, height, width]
}

function inferPipeline(inChannels: number): ModelPipeline {
  if (inChannels === 1) return 'lab-chroma'
  if (inChannels === 3) return 'rgb'
  throw new StudioError('model-channels', `${channels(inChannels, 'input')}; GAN Studio needs 3 (RGB) or 1 (L, for a colorizer)`)
}

function checkChannels(pipeline: ModelPipeline, inChannels: number, outChannels: number): void {
  const expected = PIPELINES[pipeline]
  if (inChannels !== expected.in) {
    throw new StudioError('model-channels', `${channels(inChannels, 'input')}, but ${expected.what} must take ${expected.in} (${expected.inNames})`)
  }
  if (outChannels !== expected.out) {
    throw new StudioError('model-channels', `${channels(outChannels, 'output')}, but ${expected.what} must output ${expected.out} (${expected.outNames})`)
  }
}

const channels = (count: number, side: string): string => `${count} ${side} channel${count === 1 ? '' : 's'}`

/** Free height and width (symbolic or unknown) → undefined; both fixed → the size; one of each is refused. */
function spatialSize(height: number | string, width: number | string): FixedSize | undefined {
  const fixed = [height, width].filter((dim) => typeof dim === 'number' && dim > 0).length
  if (fixed === 0) return undefined
  if (fixed === 1) throw new StudioError('model-shape', `input height and width must both be fixed or both free (got ${height} × ${width})`)
  return { height: height as number, width: width as number }
}
