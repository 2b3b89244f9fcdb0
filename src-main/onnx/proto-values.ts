import type { onnx as proto } from 'onnx-proto'
import { onnx } from './onnx-proto'

const { AttributeType } = onnx.AttributeProto
const { DataType } = onnx.TensorProto

/** ONNX raw_data is little-endian whatever the host's byte order. */
export function floatTensor(name: string, dims: readonly number[], values: Float32Array): proto.ITensorProto {
  const bytes = new Uint8Array(values.length * 4)
  const view = new DataView(bytes.buffer)
  values.forEach((value, i) => view.setFloat32(i * 4, value, true))
  return { name, dims: [...dims], dataType: DataType.FLOAT, rawData: bytes }
}

export function int64Tensor(name: string, values: readonly number[]): proto.ITensorProto {
  const bytes = new Uint8Array(values.length * 8)
  const view = new DataView(bytes.buffer)
  values.forEach((value, i) => view.setBigInt64(i * 8, BigInt(value), true))
  return { name, dims: [values.length], dataType: DataType.INT64, rawData: bytes }
}

export const intAttribute = (name: string, i: number): proto.IAttributeProto => ({ name, type: AttributeType.INT, i })

export const intsAttribute = (name: string, ints: readonly number[]): proto.IAttributeProto => ({
  name,
  type: AttributeType.INTS,
  ints: [...ints]
})

export const floatAttribute = (name: string, f: number): proto.IAttributeProto => ({ name, type: AttributeType.FLOAT, f })

export const stringAttribute = (name: string, s: string): proto.IAttributeProto => ({
  name,
  type: AttributeType.STRING,
  s: new TextEncoder().encode(s)
})
