import type { onnx as proto } from 'onnx-proto'
import { GraphBuilder, OPSET, resnetGenerator, seededWeights, unetGenerator } from '../../src-main/onnx'
import { onnx } from '../../src-main/onnx/onnx-proto'

export const PHOTO = new URL('../fixtures/photos/gcompris--cabrillo.jpg', import.meta.url).pathname

/** A 3 → 3 CycleGAN ResNet generator, runs at multiples of 4. */
export const rgbModel = (seed = 1): Uint8Array =>
  resnetGenerator({ inChannels: 3, outChannels: 3, ngf: 8, nBlocks: 1, upsampling: 'transpose', weights: seededWeights(seed), metadata: { size_multiple: '4' } }).bytes

/** A 1 → 2 pix2pix U-Net colorizer, runs at multiples of 8. */
export const colorizerModel = (seed = 1): Uint8Array => unetGenerator({ inChannels: 1, outChannels: 2, ngf: 8, depth: 3, weights: seededWeights(seed) }).bytes

/** A 1 → 3 U-Net: a colorizer with the wrong output. */
export const oneToThreeModel = (): Uint8Array => unetGenerator({ inChannels: 1, outChannels: 3, ngf: 8, depth: 3, weights: seededWeights(1) }).bytes

/** A 3 → 1 model: one 1×1 convolution. */
export function threeToOneModel(): Uint8Array {
  const g = new GraphBuilder({ inChannels: 3, weights: seededWeights(1) })
  return g.build(g.conv(g.input, { name: 'mix', outChannels: 1, kernel: 1 })).bytes
}

type Dim = number | string
interface Value {
  name: string
  dims: readonly Dim[]
  elemType?: number
}

const FLOAT = onnx.TensorProto.DataType.FLOAT

function valueInfo({ name, dims, elemType = FLOAT }: Value): proto.IValueInfoProto {
  const dim = dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d }))
  return { name, type: { tensorType: { elemType, shape: { dim } } } }
}

/** A hand-made model: `nodes` from `inputs` to `outputs`, with optional initializers. */
export function rawModel(inputs: Value[], outputs: Value[], nodes: proto.INodeProto[], initializer: proto.ITensorProto[] = []): Uint8Array {
  return onnx.ModelProto.encode({
    irVersion: 8,
    opsetImport: [{ domain: '', version: OPSET }],
    producerName: 'tests',
    graph: { name: 'test', node: nodes, initializer, input: inputs.map(valueInfo), output: outputs.map(valueInfo) }
  }).finish()
}

const image = (name: string, channels: number, height: Dim = 'h', width: Dim = 'w'): Value => ({ name, dims: ['n', channels, height, width] })

export const twoInputModel = (): Uint8Array =>
  rawModel([image('photo', 3), image('mask', 3)], [image('output', 3)], [{ opType: 'Add', input: ['photo', 'mask'], output: ['output'] }])

export const twoOutputModel = (): Uint8Array =>
  rawModel(
    [image('input', 3)],
    [image('output', 3), image('extra', 3)],
    [
      { opType: 'Relu', input: ['input'], output: ['output'] },
      { opType: 'Sigmoid', input: ['input'], output: ['extra'] }
    ]
  )

export const rankTwoModel = (): Uint8Array =>
  rawModel([{ name: 'input', dims: ['n', 3] }], [{ name: 'output', dims: ['n', 3] }], [{ opType: 'Relu', input: ['input'], output: ['output'] }])

export const int64InputModel = (): Uint8Array => {
  const int64 = onnx.TensorProto.DataType.INT64
  return rawModel([{ ...image('input', 3), elemType: int64 }], [{ ...image('output', 3), elemType: int64 }], [{ opType: 'Neg', input: ['input'], output: ['output'] }])
}

export const symbolicChannelsModel = (): Uint8Array =>
  rawModel([{ name: 'input', dims: ['n', 'c', 'h', 'w'] }], [{ name: 'output', dims: ['n', 'c', 'h', 'w'] }], [{ opType: 'Relu', input: ['input'], output: ['output'] }])

export const fixedSizeModel = (): Uint8Array =>
  rawModel([image('input', 3, 64, 96)], [image('output', 3, 64, 96)], [{ opType: 'Relu', input: ['input'], output: ['output'] }])

/** A Relu from `input` to `output`, both of shape `dims`. */
export const reluModel = (dims: readonly Dim[]): Uint8Array =>
  rawModel([{ name: 'input', dims }], [{ name: 'output', dims }], [{ opType: 'Relu', input: ['input'], output: ['output'] }])

export const unknownOpModel = (): Uint8Array =>
  rawModel([image('input', 3)], [image('output', 3)], [{ opType: 'NoSuchOperator', input: ['input'], output: ['output'] }])

export const externalDataModel = (): Uint8Array =>
  rawModel(
    [image('input', 3)],
    [image('output', 3)],
    [{ opType: 'Add', input: ['input', 'bias'], output: ['output'] }],
    [
      {
        name: 'bias',
        dims: [1],
        dataType: FLOAT,
        dataLocation: onnx.TensorProto.DataLocation.EXTERNAL,
        externalData: [{ key: 'location', value: 'weights.bin' }]
      }
    ]
  )
