import type { onnx as proto } from 'onnx-proto'
import { decodeGraph, dimsOf, dropUnusedInitializers, encodeGraph, floatValues, intOf, intsOf, type EditableGraph } from '../../src-main/onnx/graph-edit'
import { floatTensor, intAttribute, intsAttribute, stringAttribute } from '../../src-main/onnx/proto-values'

/**
 * Rewrites each ConvTranspose whose stride s is the same on both axes and whose output is exactly s times its input
 * (PyTorch's kernel 3, stride 2, padding 1, output_padding 1, or tfjs 'same') into the identical computation done
 * as s² Convs, one per output phase with only the kernel taps that phase reads, concatenated and interleaved by
 * DepthToSpace: the same function with the same weights rearranged, so Conv's blocked (NCHWc) kernels run it.
 * Other ConvTransposes are left as they are.
 */
export function polyphaseConvTranspose(bytes: Uint8Array): { bytes: Uint8Array; rewritten: number } {
  const edit = decodeGraph(bytes)
  let rewritten = 0
  const nodes: proto.INodeProto[] = []
  for (const node of edit.graph.node ?? []) {
    const replacement = node.opType === 'ConvTranspose' && !node.domain ? asPhaseConvs(edit, node) : undefined
    if (replacement) rewritten++
    nodes.push(...(replacement ?? [node]))
  }
  if (rewritten === 0) return { bytes, rewritten }
  edit.graph.node = nodes
  dropUnusedInitializers(edit)
  return { bytes: encodeGraph(edit), rewritten }
}

/** For output phase r along one axis, the kernel taps k read from input offset d: output s·m + r ← input m + d. */
interface PhaseTaps {
  taps: { kernel: number; offset: number }[]
  minOffset: number
  width: number
}

function phaseTaps(kernel: number, stride: number, padBegin: number, phase: number): PhaseTaps {
  const taps: PhaseTaps['taps'] = []
  for (let k = 0; k < kernel; k++) {
    if ((phase + padBegin - k) % stride === 0) taps.push({ kernel: k, offset: (phase + padBegin - k) / stride })
  }
  const offsets = taps.map((t) => t.offset)
  const minOffset = Math.min(0, ...offsets)
  return { taps, minOffset, width: Math.max(0, ...offsets) - minOffset + 1 }
}

interface ConvTransposeParts {
  x: string
  y: string
  weight: Float32Array
  bias: Float32Array | undefined
  inChannels: number
  outChannels: number
  kernel: readonly [number, number]
  stride: number
  padBegin: readonly [number, number]
}

function asPhaseConvs(edit: EditableGraph, node: proto.INodeProto): proto.INodeProto[] | undefined {
  const parts = rewritableParts(edit, node)
  if (!parts) return undefined
  const { stride } = parts
  const base = node.name || parts.y
  const range = Array.from({ length: stride }, (_, i) => i)
  // Concatenated phase by phase, channel (row·s + col)·C + c: DepthToSpace's DCR order.
  const convs = range.flatMap((row) => range.map((col) => phaseConv(edit, parts, row, col, `${base}.phase${row}${col}`)))
  const phases = edit.freshName(`${base}.phases`)
  return [
    ...convs,
    { name: phases, opType: 'Concat', input: convs.map((c) => c.output![0]!), output: [phases], attribute: [intAttribute('axis', 1)] },
    {
      name: edit.freshName(`${base}.depth_to_space`),
      opType: 'DepthToSpace',
      input: [phases],
      output: [parts.y],
      attribute: [intAttribute('blocksize', stride), stringAttribute('mode', 'DCR')]
    }
  ]
}

/** A Conv computing output phase (row, col) of the ConvTranspose from the kernel taps that phase reads. */
function phaseConv(edit: EditableGraph, parts: ConvTransposeParts, row: number, col: number, name: string): proto.INodeProto {
  const { weight, bias, inChannels, outChannels, stride } = parts
  const [kH, kW] = parts.kernel
  const rows = phaseTaps(kH, stride, parts.padBegin[0], row)
  const cols = phaseTaps(kW, stride, parts.padBegin[1], col)
  const convWeight = new Float32Array(outChannels * inChannels * rows.width * cols.width)
  for (let c = 0; c < outChannels; c++) {
    for (const r of rows.taps) {
      for (const k of cols.taps) {
        for (let i = 0; i < inChannels; i++) {
          const to = ((c * inChannels + i) * rows.width + r.offset - rows.minOffset) * cols.width + k.offset - cols.minOffset
          convWeight[to] = weight[((i * outChannels + c) * kH + r.kernel) * kW + k.kernel]!
        }
      }
    }
  }
  const weightName = edit.freshName(`${name}.weight`)
  const inputs = [parts.x, weightName]
  edit.graph.initializer?.push(floatTensor(weightName, [outChannels, inChannels, rows.width, cols.width], convWeight))
  if (bias) {
    const biasName = edit.freshName(`${name}.bias`)
    edit.graph.initializer?.push(floatTensor(biasName, [outChannels], bias))
    inputs.push(biasName)
  }
  const lastOffset = (span: PhaseTaps): number => span.width - 1 + span.minOffset
  return {
    name: edit.freshName(name),
    opType: 'Conv',
    input: inputs,
    output: [edit.freshName(`${name}.output`)],
    attribute: [
      intsAttribute('kernel_shape', [rows.width, cols.width]),
      intsAttribute('pads', [-rows.minOffset, -cols.minOffset, lastOffset(rows), lastOffset(cols)])
    ]
  }
}

/** The ConvTranspose's pieces where it can be rewritten: float initializer weights, no groups or dilation, output s × input. */
function rewritableParts(edit: EditableGraph, node: proto.INodeProto): ConvTransposeParts | undefined {
  const [x = '', weightName = '', biasName] = node.input ?? []
  const weightTensor = edit.initializer(weightName)
  const weight = weightTensor && floatValues(weightTensor)
  const biasTensor = biasName ? edit.initializer(biasName) : undefined
  const bias = biasTensor && floatValues(biasTensor)
  if (!weightTensor || !weight || (biasName && !bias)) return undefined
  const [inChannels = 0, outChannels = 0, kH = 0, kW = 0, ...rest] = dimsOf(weightTensor)
  const [sH = 1, sW = 1] = intsOf(node, 'strides') ?? []
  const [pTop = 0, pLeft = 0, pBottom = 0, pRight = 0] = intsOf(node, 'pads') ?? []
  const [oH = 0, oW = 0] = intsOf(node, 'output_padding') ?? []
  const plain =
    rest.length === 0 &&
    (intOf(node, 'group') ?? 1) === 1 &&
    (intsOf(node, 'dilations') ?? [1, 1]).every((d) => d === 1) &&
    !node.attribute?.some((a) => a.name === 'output_shape' || (a.name === 'auto_pad' && a.s && new TextDecoder().decode(a.s) !== 'NOTSET'))
  if (!plain || sH !== sW || sH < 2 || kH - pTop - pBottom + oH !== sH || kW - pLeft - pRight + oW !== sW) return undefined
  return { x, y: node.output?.[0] ?? '', weight, bias, inChannels, outChannels, kernel: [kH, kW], stride: sH, padBegin: [pTop, pLeft] }
}
