import type { onnx as proto } from 'onnx-proto'
import { onnx } from './onnx-proto'

/** A decoded model's graph with lookups that graph rewrites need. */
export interface EditableGraph {
  model: proto.IModelProto
  graph: proto.IGraphProto
  initializer: (name: string) => proto.ITensorProto | undefined
  /** A name no value, node or initializer of the graph uses yet, built from `base`; it is then taken. */
  freshName: (base: string) => string
}

export function decodeGraph(bytes: Uint8Array): EditableGraph {
  const model = onnx.ModelProto.decode(bytes)
  const graph = model.graph
  if (!graph) throw new Error('the model has no graph')
  const initializers = new Map((graph.initializer ?? []).map((t) => [t.name ?? '', t]))
  const taken = new Set<string>([...initializers.keys()])
  for (const node of graph.node ?? []) for (const name of [node.name ?? '', ...(node.input ?? []), ...(node.output ?? [])]) taken.add(name)
  for (const value of [...(graph.input ?? []), ...(graph.output ?? [])]) taken.add(value.name ?? '')
  return {
    model,
    graph,
    initializer: (name) => initializers.get(name),
    freshName: (base) => {
      let name = base
      for (let n = 2; taken.has(name); n++) name = `${base}_${n}`
      taken.add(name)
      return name
    }
  }
}

export const encodeGraph = ({ model }: EditableGraph): Uint8Array => onnx.ModelProto.encode(model).finish()

/** Removes initializers that no node reads any more (weights a rewrite replaced); graph inputs and outputs are kept. */
export function dropUnusedInitializers({ graph }: EditableGraph): void {
  const used = new Set([...(graph.node ?? []).flatMap((n) => n.input ?? []), ...[...(graph.input ?? []), ...(graph.output ?? [])].map((v) => v.name)])
  graph.initializer = (graph.initializer ?? []).filter((t) => used.has(t.name ?? ''))
}

/** The float32 values of an initializer stored as raw_data or float_data; undefined for other types or external data. */
export function floatValues(tensor: proto.ITensorProto): Float32Array | undefined {
  if (tensor.dataType !== onnx.TensorProto.DataType.FLOAT || tensor.dataLocation === onnx.TensorProto.DataLocation.EXTERNAL) return undefined
  if (tensor.rawData && tensor.rawData.length > 0) {
    const view = new DataView(tensor.rawData.buffer, tensor.rawData.byteOffset, tensor.rawData.byteLength)
    return Float32Array.from({ length: tensor.rawData.byteLength / 4 }, (_, i) => view.getFloat32(i * 4, true))
  }
  return Float32Array.from(tensor.floatData ?? [])
}

export const dimsOf = (tensor: proto.ITensorProto): number[] => (tensor.dims ?? []).map(Number)

export function intsOf(node: proto.INodeProto, name: string): number[] | undefined {
  return node.attribute?.find((a) => a.name === name)?.ints?.map(Number)
}

export function intOf(node: proto.INodeProto, name: string): number | undefined {
  const attribute = node.attribute?.find((a) => a.name === name)
  return attribute?.i === undefined || attribute.i === null ? undefined : Number(attribute.i)
}
