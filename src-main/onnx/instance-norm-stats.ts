import type { onnx as proto } from 'onnx-proto'
import { onnx } from './onnx-proto'
import { floatTensor, int64Tensor } from './proto-values'

/**
 * A model split so that every InstanceNormalization can use statistics of the whole image while the image
 * runs in tiles: run `stats` once on the (downscaled) whole image, then `apply` on each tile with those
 * statistics fed as inputs, so all tiles normalise alike.
 */
export interface GlobalNormModels {
  /** The original model computing, as its outputs, each InstanceNormalization input's per-channel mean and variance. */
  stats: Uint8Array
  /** The original model with each InstanceNormalization computed from mean and variance inputs of shape [1, C, 1, 1]. */
  apply: Uint8Array
  /** The statistics' names, outputs of `stats` and inputs of `apply`; empty when the model has no instance norm. */
  statistics: string[]
}

const INSTANCE_NORM = 'InstanceNormalization'
const DEFAULT_EPSILON = 1e-5
const CHANNEL_SHAPE = 'global_norm.channel_shape'

/** Splits the model in `bytes` (float32 instance norms with scale and bias of shape [C]) into stats and apply models. */
export function globalInstanceNormModels(bytes: Uint8Array): GlobalNormModels {
  const graph = onnx.ModelProto.decode(bytes).graph
  if (!graph) throw new Error('the model has no graph')
  const channelsOf = channelCounter(graph)
  const taken = namesIn(graph)
  const statsNodes: proto.INodeProto[] = []
  const applyNodes: proto.INodeProto[] = []
  const statOutputs: proto.IValueInfoProto[] = []
  const applyInitializers: proto.ITensorProto[] = []

  for (const node of graph.node ?? []) {
    statsNodes.push(node)
    if (node.opType !== INSTANCE_NORM || node.domain) {
      applyNodes.push(node)
      continue
    }
    const [x = '', scale = '', bias = ''] = node.input ?? []
    const y = node.output?.[0] ?? ''
    const name = (suffix: string): string => claim(taken, `${y}.global_norm.${suffix}`)
    const [mean, variance, centred, squared] = ['mean', 'variance', 'centred', 'squared'].map(name) as [string, string, string, string]
    statsNodes.push(
      op('GlobalAveragePool', [x], mean),
      op('Sub', [x, mean], centred),
      op('Mul', [centred, centred], squared),
      op('GlobalAveragePool', [squared], variance)
    )
    const channels = channelsOf(scale)
    if (statOutputs.length === 0) applyInitializers.push(int64Tensor(CHANNEL_SHAPE, [1, -1, 1, 1]))
    statOutputs.push(statValueInfo(mean, channels), statValueInfo(variance, channels))

    // y = x·gain + shift, with gain = scale / √(variance + ε) and shift = bias − mean·gain.
    const epsilon = name('epsilon')
    applyInitializers.push(floatTensor(epsilon, [], new Float32Array([epsilonOf(node)])))
    const [varianceEpsilon, std, scale4, bias4, gain, meanGain, shift, scaled] = [
      'variance_epsilon', 'std', 'scale', 'bias', 'gain', 'mean_gain', 'shift', 'scaled'
    ].map(name) as [string, string, string, string, string, string, string, string]
    applyNodes.push(
      op('Add', [variance, epsilon], varianceEpsilon),
      op('Sqrt', [varianceEpsilon], std),
      op('Reshape', [scale, CHANNEL_SHAPE], scale4),
      op('Reshape', [bias, CHANNEL_SHAPE], bias4),
      op('Div', [scale4, std], gain),
      op('Mul', [mean, gain], meanGain),
      op('Sub', [bias4, meanGain], shift),
      op('Mul', [x, gain], scaled),
      op('Add', [scaled, shift], y)
    )
  }

  const statistics = statOutputs.map((v) => v.name ?? '')
  const encode = (changes: Partial<proto.IGraphProto>): Uint8Array => {
    const model = onnx.ModelProto.decode(bytes)
    Object.assign(model.graph ?? {}, changes)
    return onnx.ModelProto.encode(model).finish()
  }
  return {
    stats: encode({ node: statsNodes, output: statOutputs }),
    apply: encode({ node: applyNodes, input: [...(graph.input ?? []), ...statOutputs], initializer: [...(graph.initializer ?? []), ...applyInitializers] }),
    statistics
  }
}

function op(opType: string, input: string[], output: string): proto.INodeProto {
  return { name: output, opType, input, output: [output] }
}

function epsilonOf(node: proto.INodeProto): number {
  return node.attribute?.find((a) => a.name === 'epsilon')?.f ?? DEFAULT_EPSILON
}

/** Channel count of an instance norm's scale from its initializer, or undefined where it is computed. */
function channelCounter(graph: proto.IGraphProto): (scale: string) => number | undefined {
  const dims = new Map((graph.initializer ?? []).map((t) => [t.name ?? '', t.dims ?? []]))
  return (scale) => {
    const [channels] = dims.get(scale) ?? []
    return channels === undefined ? undefined : Number(channels)
  }
}

function statValueInfo(name: string, channels: number | undefined): proto.IValueInfoProto {
  const dim = [{ dimValue: 1 }, channels === undefined ? { dimParam: `${name}.channels` } : { dimValue: channels }, { dimValue: 1 }, { dimValue: 1 }]
  return { name, type: { tensorType: { elemType: onnx.TensorProto.DataType.FLOAT, shape: { dim } } } }
}

function namesIn(graph: proto.IGraphProto): Set<string> {
  const names = new Set<string>([CHANNEL_SHAPE])
  for (const node of graph.node ?? []) for (const name of [...(node.input ?? []), ...(node.output ?? [])]) names.add(name)
  for (const value of [...(graph.input ?? []), ...(graph.output ?? []), ...(graph.initializer ?? [])]) names.add(value.name ?? '')
  return names
}

function claim(taken: Set<string>, name: string): string {
  if (taken.has(name)) throw new Error(`the model already uses the name ${name}`)
  taken.add(name)
  return name
}
