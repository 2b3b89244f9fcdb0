import type { onnx as proto } from 'onnx-proto'
import { StudioError } from '../common/studio-error'
import { onnx } from '../onnx/onnx-proto'
import { describeNonOnnx } from './sniff-format'

/** What ONNX Runtime's session does not tell: the opset, the producer and the metadata_props. */
export interface OnnxProtoInfo {
  /** The default ('' or 'ai.onnx') domain's opset. */
  opset: number
  producer: string
  metadata: Record<string, string>
}

type Int64 = number | { toNumber(): number } | null | undefined
const toNumber = (value: Int64): number => (value === null || value === undefined ? 0 : typeof value === 'number' ? value : value.toNumber())

/** Decodes the ModelProto, refusing anything that is not an ONNX model with a message saying what it is instead. */
export function readOnnxProto(bytes: Uint8Array): OnnxProtoInfo {
  const recognised = describeNonOnnx(bytes)
  if (recognised) throw notOnnx(recognised)
  let model: proto.ModelProto
  try {
    model = onnx.ModelProto.decode(bytes)
  } catch (err) {
    const message = (err as Error).message
    const truncated = message.startsWith('index out of range')
    throw notOnnx(truncated ? 'the data stops in the middle of a record: the file is truncated or damaged' : `it is not an ONNX protobuf: ${message}`)
  }
  const opset = model.opsetImport.find((entry) => !entry.domain || entry.domain === 'ai.onnx')
  if (!model.graph || toNumber(model.irVersion as Int64) === 0 || !opset) throw notOnnx('it has no graph, IR version or opset')
  if ((model.graph.initializer ?? []).some((tensor) => tensor.dataLocation === onnx.TensorProto.DataLocation.EXTERNAL)) {
    throw new StudioError(
      'model-external-data',
      'the model keeps its weights in separate files (ONNX external data); re-export it with the weights inside the .onnx file'
    )
  }
  return {
    opset: toNumber(opset.version as Int64),
    producer: [model.producerName, model.producerVersion].filter(Boolean).join(' '),
    metadata: Object.fromEntries(model.metadataProps.map((entry) => [entry.key, entry.value]))
  }
}

function notOnnx(reason: string): StudioError {
  return new StudioError('model-not-onnx', `not an ONNX model (${reason})`)
}
