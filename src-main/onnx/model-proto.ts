import type { onnx as proto } from 'onnx-proto'
import { onnx } from './onnx-proto'

export const OPSET = 17
/** The IR version that came with opset 17 (ONNX 1.12), and the newest onnx-proto 8 knows. */
const IR_VERSION = 8

export interface GraphParts {
  nodes: readonly proto.INodeProto[]
  initializers: readonly proto.ITensorProto[]
  inChannels: number
  outChannels: number
  /** Whether the output has the input's height and width, so may share their symbolic names. */
  outputKeepsSize: boolean
  metadata: Readonly<Record<string, string>>
}

/** A model taking `input` [batch, C, height, width] to `output`, both float32 with symbolic sizes. */
export function encodeModel(parts: GraphParts): Uint8Array {
  const model: proto.IModelProto = {
    irVersion: IR_VERSION,
    opsetImport: [{ domain: '', version: OPSET }],
    producerName: 'GAN Studio',
    graph: {
      name: 'generator',
      node: [...parts.nodes],
      initializer: [...parts.initializers],
      input: [imageValueInfo('input', parts.inChannels, ['height', 'width'])],
      output: [imageValueInfo('output', parts.outChannels, parts.outputKeepsSize ? ['height', 'width'] : ['output_height', 'output_width'])]
    },
    metadataProps: Object.entries({ created_by: 'GAN Studio', ...parts.metadata }).map(([key, value]) => ({ key, value }))
  }
  return onnx.ModelProto.encode(model).finish()
}

function imageValueInfo(name: string, channels: number, [height, width]: readonly [string, string]): proto.IValueInfoProto {
  const dim = [{ dimParam: 'batch' }, { dimValue: channels }, { dimParam: height }, { dimParam: width }]
  return { name, type: { tensorType: { elemType: onnx.TensorProto.DataType.FLOAT, shape: { dim } } } }
}
