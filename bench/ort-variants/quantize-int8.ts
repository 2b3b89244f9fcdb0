import type { onnx as proto } from 'onnx-proto'
import { decodeGraph, dimsOf, dropUnusedInitializers, encodeGraph, floatValues, type EditableGraph } from '../../src-main/onnx/graph-edit'
import { onnx } from '../../src-main/onnx/onnx-proto'
import { floatTensor, intAttribute } from '../../src-main/onnx/proto-values'

/** The smallest and largest value a tensor took over the calibration images. */
export interface ValueRange {
  min: number
  max: number
}

const { DataType } = onnx.TensorProto

/** The Conv nodes that can be quantised: float weights and optional bias held as initializers. */
function quantisableConvs(edit: EditableGraph): proto.INodeProto[] {
  return (edit.graph.node ?? []).filter((node) => {
    const [, weight = '', bias] = node.input ?? []
    const floats = (name: string): boolean => {
      const tensor = edit.initializer(name)
      return tensor !== undefined && floatValues(tensor) !== undefined
    }
    return node.opType === 'Conv' && !node.domain && floats(weight) && (!bias || floats(bias))
  })
}

/** Names of the values whose ranges `quantizeConvsInt8` needs: each quantisable Conv's input and output. */
export function convActivationNames(bytes: Uint8Array): string[] {
  const names = quantisableConvs(decodeGraph(bytes)).flatMap((node) => [node.input?.[0] ?? '', node.output?.[0] ?? ''])
  return [...new Set(names)]
}

/** The model with the named values added as float outputs, to read their ranges on calibration images. */
export function exposeValues(bytes: Uint8Array, names: readonly string[]): Uint8Array {
  const edit = decodeGraph(bytes)
  const outputs = new Set((edit.graph.output ?? []).map((o) => o.name))
  for (const name of names) {
    if (!outputs.has(name)) edit.graph.output?.push({ name, type: { tensorType: { elemType: DataType.FLOAT } } })
  }
  return encodeGraph(edit)
}

/**
 * Static int8 quantisation of every Conv in QDQ form, which onnxruntime fuses into QLinearConv (u8 activations,
 * VNNI/AVX-512 integer kernels where the CPU has them): each Conv's input and output pass through
 * QuantizeLinear→DequantizeLinear with uint8 scales from `ranges`, weights become int8 symmetric per output
 * channel, biases int32 at input scale × weight scale. Everything else (instance norm, pads, adds) stays float.
 * Quantisation changes the output; compare against the float model before trusting it.
 */
export function quantizeConvsInt8(bytes: Uint8Array, ranges: ReadonlyMap<string, ValueRange>): Uint8Array {
  const edit = decodeGraph(bytes)
  const convs = new Set(quantisableConvs(edit))
  const dequantised = new Map<string, string>()
  const nodes: proto.INodeProto[] = []

  const activation = (name: string): { scale: string; zeroPoint: string; scaleValue: number } => {
    const range = ranges.get(name)
    if (!range) throw new Error(`no calibration range for ${name}`)
    const { scale, zeroPoint } = uint8Params(range)
    const scaleName = edit.freshName(`${name}.q_scale`)
    const zeroName = edit.freshName(`${name}.q_zero`)
    edit.graph.initializer?.push(floatTensor(scaleName, [], new Float32Array([scale])), { name: zeroName, dims: [], dataType: DataType.UINT8, rawData: new Uint8Array([zeroPoint]) })
    return { scale: scaleName, zeroPoint: zeroName, scaleValue: scale }
  }
  /** Q→DQ of `name` into `into` with `params`, which it returns. */
  const fakeQuantise = (name: string, into: string, params: ReturnType<typeof activation>): typeof params => {
    const quantised = edit.freshName(`${name}.quantised`)
    nodes.push(
      { name: edit.freshName(`${name}.quantise`), opType: 'QuantizeLinear', input: [name, params.scale, params.zeroPoint], output: [quantised] },
      { name: edit.freshName(`${name}.dequantise`), opType: 'DequantizeLinear', input: [quantised, params.scale, params.zeroPoint], output: [into] }
    )
    return params
  }
  const inputScales = new Map<string, number>()

  for (const node of edit.graph.node ?? []) {
    if (!convs.has(node)) {
      nodes.push(node)
      continue
    }
    const [x = '', weightName = '', biasName] = node.input ?? []
    const y = node.output?.[0] ?? ''
    let xDequantised = dequantised.get(x)
    if (!xDequantised) {
      xDequantised = edit.freshName(`${x}.dequantised`)
      inputScales.set(xDequantised, fakeQuantise(x, xDequantised, activation(x)).scaleValue)
      dequantised.set(x, xDequantised)
    }
    const weight = quantiseWeight(edit, weightName)
    const inputs = [xDequantised, weight.dequantised]
    if (biasName) inputs.push(quantiseBias(edit, biasName, inputScales.get(xDequantised)!, weight.scales, nodes))
    nodes.push(...weight.nodes)
    const yFloat = edit.freshName(`${y}.float`)
    nodes.push({ ...node, input: inputs, output: [yFloat] })
    fakeQuantise(yFloat, y, activation(y))
  }
  edit.graph.node = nodes
  dropUnusedInitializers(edit)
  return encodeGraph(edit)
}

/** Scale and zero point mapping [min, max] (widened to include 0, so zero padding is exact) onto 0..255. */
function uint8Params({ min, max }: ValueRange): { scale: number; zeroPoint: number } {
  const low = Math.min(0, min)
  const high = Math.max(0, max)
  const scale = high > low ? (high - low) / 255 : 1
  return { scale, zeroPoint: Math.round(-low / scale) }
}

function quantiseWeight(edit: EditableGraph, name: string): { dequantised: string; scales: Float32Array; nodes: proto.INodeProto[] } {
  const tensor = edit.initializer(name)!
  const values = floatValues(tensor)!
  const dims = dimsOf(tensor)
  const outChannels = dims[0]!
  const perChannel = values.length / outChannels
  const scales = new Float32Array(outChannels)
  const quantised = new Int8Array(values.length)
  for (let c = 0; c < outChannels; c++) {
    let largest = 0
    for (let i = c * perChannel; i < (c + 1) * perChannel; i++) largest = Math.max(largest, Math.abs(values[i]!))
    const scale = largest > 0 ? largest / 127 : 1
    scales[c] = scale
    for (let i = c * perChannel; i < (c + 1) * perChannel; i++) quantised[i] = Math.round(values[i]! / scale)
  }
  const [int8Name, scaleName, zeroName, dequantised] = ['int8', 'scale', 'zero', 'dequantised'].map((s) => edit.freshName(`${name}.${s}`)) as [string, string, string, string]
  edit.graph.initializer?.push(
    { name: int8Name, dims, dataType: DataType.INT8, rawData: new Uint8Array(quantised.buffer) },
    floatTensor(scaleName, [scales.length], scales),
    { name: zeroName, dims: [outChannels], dataType: DataType.INT8, rawData: new Uint8Array(outChannels) }
  )
  const node: proto.INodeProto = { name: dequantised, opType: 'DequantizeLinear', input: [int8Name, scaleName, zeroName], output: [dequantised], attribute: [intAttribute('axis', 0)] }
  return { dequantised, scales, nodes: [node] }
}

function quantiseBias(edit: EditableGraph, name: string, inputScale: number, weightScales: Float32Array, nodes: proto.INodeProto[]): string {
  const values = floatValues(edit.initializer(name)!)!
  const scales = weightScales.map((s) => s * inputScale)
  const quantised = Int32Array.from(values, (v, c) => Math.round(v / scales[c]!))
  const [int32Name, scaleName, zeroName, dequantised] = ['int32', 'scale', 'zero', 'dequantised'].map((s) => edit.freshName(`${name}.${s}`)) as [string, string, string, string]
  const bytes = new Uint8Array(quantised.length * 4)
  const view = new DataView(bytes.buffer)
  quantised.forEach((v, i) => view.setInt32(i * 4, v, true))
  edit.graph.initializer?.push(
    { name: int32Name, dims: [values.length], dataType: DataType.INT32, rawData: bytes },
    floatTensor(scaleName, [scales.length], scales),
    { name: zeroName, dims: [values.length], dataType: DataType.INT32, rawData: new Uint8Array(values.length * 4) }
  )
  nodes.push({ name: dequantised, opType: 'DequantizeLinear', input: [int32Name, scaleName, zeroName], output: [dequantised], attribute: [intAttribute('axis', 0)] })
  return dequantised
}

