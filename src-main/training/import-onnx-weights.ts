import type { onnx as proto } from 'onnx-proto'
import { StudioError } from '../common/studio-error'
import { resnetGenerator, unetGenerator, type WeightSource } from '../onnx'
import { decodeGraph, dimsOf, floatValues } from '../onnx/graph-edit'
import { onnx } from '../onnx/onnx-proto'
import type { GeneratorShape } from './config'
import type { SerialTensor } from './optim/adam'

/** A generator read back from an ONNX model that src-main/onnx's builder made (see export-onnx.ts). */
export interface BuilderGenerator {
  /** The options that shape it: all of them when given, else those its layers show (resnet: ngf, blocks, upsampling; unet: ngf, unetDepth). */
  shape: Partial<GeneratorShape> & Pick<GeneratorShape, 'generator'>
  inChannels: number
  outChannels: number
  /** Its parameters by the builder's names (`stem.conv.weight`…), ONNX layout. */
  parameters: Map<string, { dims: number[]; values: Float32Array }>
}

const NEEDS =
  "fine-tuning needs a ResNet generator (stem.conv, down1–2.conv, block1….conv1/conv2, up1–2.conv, head.conv) or a U-Net (down1….conv, up1….conv, 4×4) exactly as GAN Studio builds and exports them"

/**
 * Reads the generator in `bytes`, shaped as `known` says (a card's training config) or as its initializers' names
 * and shapes show, and checks that the builder, given its weights, makes the very same graph: same nodes in the same
 * order, same constants, no other initializers. Anything else is refused with what differs.
 */
export function readBuilderGenerator(bytes: Uint8Array, name: string, known?: GeneratorShape): BuilderGenerator {
  const { graph } = decodeGraph(bytes)
  const initializers = new Map((graph.initializer ?? []).map((t) => [t.name ?? '', t]))
  const refuse = (detail: string): never => {
    const intro = known ? `“${name}” does not match the generator its card describes (${describeShape(known)})` : `“${name}” was not made by GAN Studio's generator builder`
    throw new StudioError('model-not-fine-tunable', `${intro}: ${detail}; ${NEEDS}`)
  }
  const inferred = known ? undefined : inferShape(graph, initializers, refuse)
  const shape = known ?? inferred!.shape
  const [inChannels, outChannels] = known ? channelsFromLayers(shape.generator, initializers, refuse) : [inferred!.inChannels, inferred!.outChannels]

  const parameters: BuilderGenerator['parameters'] = new Map()
  const weights: WeightSource = (parameter, dims) => {
    const tensor = initializers.get(parameter)
    if (!tensor) return refuse(`it has no ${parameter} [${dims.join(', ')}]`)
    if (dimsOf(tensor).join('×') !== dims.join('×')) return refuse(`${parameter} is [${dimsOf(tensor).join(', ')}], the builder makes it [${dims.join(', ')}]`)
    const values = floatValues(tensor)
    if (!values) return refuse(`${parameter} is not float32 data inside the file`)
    parameters.set(parameter, { dims: [...dims], values })
    return values
  }
  const built =
    shape.generator === 'resnet'
      ? resnetGenerator({ inChannels, outChannels, ngf: shape.ngf!, nBlocks: shape.blocks!, upsampling: shape.upsampling!, weights })
      : unetGenerator({ inChannels, outChannels, ngf: shape.ngf!, depth: shape.unetDepth!, weights })
  const rebuilt = onnx.ModelProto.decode(built.bytes).graph!
  compareNodes(graph.node ?? [], rebuilt.node ?? [], refuse)
  compareInitializers(initializers, rebuilt.initializer ?? [], parameters, refuse)
  return { shape, inChannels, outChannels, parameters }
}

/** The parameters in tfjs layout under their builder names (unprefixed: createTrainer takes them as the A→B generator). */
export function tfjsGeneratorWeights(generator: BuilderGenerator): Record<string, SerialTensor> {
  return Object.fromEntries([...generator.parameters].map(([name, tensor]) => [name, toTfjsLayout(tensor.dims, tensor.values)]))
}

/**
 * The inverse of ParamSet's ONNX export: Conv [out, in, kH, kW] → tfjs [kH, kW, in, out] and ConvTranspose
 * [in, out, kH, kW] → [kH, kW, out, in], i.e. axes (2, 3, 1, 0) for both.
 */
function toTfjsLayout(dims: readonly number[], values: Float32Array): SerialTensor {
  if (dims.length !== 4) return { shape: [...dims], data: values.slice() }
  const [d0, d1, kH, kW] = dims as [number, number, number, number]
  const data = new Float32Array(values.length)
  let o = 0
  for (let h = 0; h < kH; h++) {
    for (let w = 0; w < kW; w++) {
      for (let j = 0; j < d1; j++) {
        for (let i = 0; i < d0; i++) data[o++] = values[((i * d1 + j) * kH + h) * kW + w]!
      }
    }
  }
  return { shape: [kH, kW, d1, d0], data }
}

type Initializers = Map<string, proto.ITensorProto>
type Refuse = (detail: string) => never

function inferShape(graph: proto.IGraphProto, initializers: Initializers, refuse: Refuse): { shape: BuilderGenerator['shape']; inChannels: number; outChannels: number } {
  const dims = (name: string) => (initializers.has(name) ? dimsOf(initializers.get(name)!) : undefined)
  const count = (pattern: (i: number) => string) => {
    let n = 0
    while (initializers.has(pattern(n + 1))) n++
    return n
  }
  const stem = dims('stem.conv.weight')
  if (stem) {
    const head = dims('head.conv.weight')
    if (stem.length !== 4 || !head || head.length !== 4) return refuse('it has a stem.conv but no 4-D stem.conv and head.conv weights')
    const upsampler = (graph.node ?? []).find((node) => node.input?.includes('up1.conv.weight'))?.opType
    if (upsampler !== 'ConvTranspose' && upsampler !== 'Conv') return refuse('no Conv or ConvTranspose node uses up1.conv.weight')
    return {
      shape: { generator: 'resnet', ngf: stem[0]!, blocks: count((i) => `block${i}.conv1.weight`), upsampling: upsampler === 'Conv' ? 'resize-conv' : 'transpose' },
      inChannels: stem[1]!,
      outChannels: head[0]!
    }
  }
  const down = dims('down1.conv.weight')
  const up = dims('up1.conv.weight')
  if (down?.length === 4 && up?.length === 4 && down[2] === 4) {
    return { shape: { generator: 'unet', ngf: down[0]!, unetDepth: count((i) => `down${i}.conv.weight`) }, inChannels: down[1]!, outChannels: up[1]! }
  }
  const names = [...initializers.keys()].slice(0, 3).join(', ')
  return refuse(`its layers are named ${names ? `${names}…` : '(no initializers)'}, not stem.conv… or down1.conv…`)
}

function channelsFromLayers(generator: GeneratorShape['generator'], initializers: Initializers, refuse: Refuse): [number, number] {
  const [first, last] = generator === 'resnet' ? ['stem.conv.weight', 'head.conv.weight'] : ['down1.conv.weight', 'up1.conv.weight']
  const [a, b] = [initializers.get(first), initializers.get(last)].map((t) => (t ? dimsOf(t) : undefined))
  if (a?.length !== 4 || b?.length !== 4) return refuse(`it has no 4-D ${first} and ${last}`)
  return [a[1]!, generator === 'resnet' ? b[0]! : b[1]!]
}

function compareNodes(source: readonly proto.INodeProto[], rebuilt: readonly proto.INodeProto[], refuse: Refuse): void {
  const encoded = (node: proto.INodeProto) => Buffer.from(onnx.NodeProto.encode(node).finish())
  const length = Math.max(source.length, rebuilt.length)
  for (let i = 0; i < length; i++) {
    const [mine, theirs] = [source[i], rebuilt[i]]
    if (mine && theirs && encoded(mine).equals(encoded(theirs))) continue
    const what = (node: proto.INodeProto | undefined) => (node ? `${node.opType} (${node.name})` : 'nothing')
    refuse(`its node ${i + 1} of ${source.length} is ${what(mine)} where the builder's graph of ${rebuilt.length} nodes has ${what(theirs)}`)
  }
}

/** The rebuilt graph's parameters are the source's own; its constants (norms, pads, scales) must equal the source's. */
function compareInitializers(source: Initializers, rebuilt: readonly proto.ITensorProto[], parameters: ReadonlyMap<string, unknown>, refuse: Refuse): void {
  const expected = new Set(rebuilt.map((t) => t.name ?? ''))
  const extra = [...source.keys()].filter((name) => !expected.has(name))
  if (extra.length) refuse(`it holds initializers the builder does not make (${extra.slice(0, 3).join(', ')})`)
  for (const tensor of rebuilt) {
    if (parameters.has(tensor.name ?? '')) continue
    const theirs = source.get(tensor.name ?? '')!
    if (!sameValues(theirs, tensor)) refuse(`its constant ${tensor.name} differs from the builder's (a learned normalisation or other padding or scales)`)
  }
}

function sameValues(a: proto.ITensorProto, b: proto.ITensorProto): boolean {
  if (dimsOf(a).join('×') !== dimsOf(b).join('×') || a.dataType !== b.dataType) return false
  const [x, y] = [floatValues(a), floatValues(b)]
  if (x && y) return x.length === y.length && x.every((v, i) => v === y[i])
  return Buffer.from(onnx.TensorProto.encode({ ...a, name: '' }).finish()).equals(Buffer.from(onnx.TensorProto.encode({ ...b, name: '' }).finish()))
}

function describeShape(shape: GeneratorShape): string {
  return shape.generator === 'resnet' ? `ResNet, ngf ${shape.ngf}, ${shape.blocks} blocks, ${shape.upsampling} upsampling` : `U-Net, ngf ${shape.ngf}, depth ${shape.unetDepth}`
}
