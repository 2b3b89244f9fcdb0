import type { onnx as proto } from 'onnx-proto'
import type { BuiltModel, ConvOptions, ConvTransposeOptions, InstanceNormOptions, Padding, ResizeOptions, Tensor } from './graph-types'
import { encodeModel } from './model-proto'
import { floatAttribute, floatTensor, int64Tensor, intAttribute, intsAttribute, stringAttribute } from './proto-values'
import type { WeightSource } from './weights'

/** Input height and width at which the builder tracks sizes, divisible by every power of two up to 2^10. */
const PROBE_SIZE = 3 * 2 ** 10

type ValueShape = Pick<Tensor, 'channels' | 'probeSize'>

export class GraphBuilder {
  readonly input: Tensor
  private readonly nodes: proto.INodeProto[] = []
  private readonly initializers: proto.ITensorProto[] = []
  private readonly names = new Set<string>(['input', 'output'])
  private parameterCount = 0

  constructor(private readonly options: { inChannels: number; weights: WeightSource }) {
    this.input = { name: 'input', channels: options.inChannels, probeSize: [PROBE_SIZE, PROBE_SIZE] }
  }

  conv(x: Tensor, o: ConvOptions): Tensor {
    const stride = o.stride ?? 1
    const [top, left, bottom, right] = sides(o.pad ?? 0)
    const inputs = this.weightedInputs(x, o, [o.outChannels, x.channels, o.kernel, o.kernel])
    const attributes = [
      intsAttribute('kernel_shape', [o.kernel, o.kernel]),
      intsAttribute('strides', [stride, stride]),
      intsAttribute('pads', [top, left, bottom, right])
    ]
    const outSize = (size: number, padding: number): number => Math.floor((size + padding - o.kernel) / stride) + 1
    const probeSize = [outSize(x.probeSize[0], top + bottom), outSize(x.probeSize[1], left + right)] as const
    return this.node('Conv', inputs, attributes, { channels: o.outChannels, probeSize }, o.name)
  }

  convTranspose(x: Tensor, o: ConvTransposeOptions): Tensor {
    const [top, left, bottom, right] = sides(o.pad ?? 0)
    const outputPad = o.outputPad ?? 0
    const inputs = this.weightedInputs(x, o, [x.channels, o.outChannels, o.kernel, o.kernel])
    const attributes = [
      intsAttribute('kernel_shape', [o.kernel, o.kernel]),
      intsAttribute('strides', [o.stride, o.stride]),
      intsAttribute('pads', [top, left, bottom, right]),
      intsAttribute('output_padding', [outputPad, outputPad])
    ]
    const outSize = (size: number, padding: number): number => o.stride * (size - 1) + o.kernel - padding + outputPad
    const probeSize = [outSize(x.probeSize[0], top + bottom), outSize(x.probeSize[1], left + right)] as const
    return this.node('ConvTranspose', inputs, attributes, { channels: o.outChannels, probeSize }, o.name)
  }

  instanceNorm(x: Tensor, o: InstanceNormOptions): Tensor {
    const shape = [x.channels]
    const [scale, bias] = o.affine
      ? [this.parameter(`${o.name}.scale`, shape), this.parameter(`${o.name}.bias`, shape)]
      : [this.constant(`${o.name}.scale`, shape, new Float32Array(x.channels).fill(1)), this.constant(`${o.name}.bias`, shape, new Float32Array(x.channels))]
    return this.node('InstanceNormalization', [x.name, scale, bias], [floatAttribute('epsilon', o.epsilon ?? 1e-5)], x, o.name)
  }

  pad(x: Tensor, amount: Padding, mode: 'reflect' | 'constant', value = 0): Tensor {
    const [top, left, bottom, right] = sides(amount)
    const name = this.uniqueName('Pad')
    const pads = this.constantInt64(`${name}.pads`, [0, 0, top, left, 0, 0, bottom, right])
    const inputs = mode === 'constant' ? [x.name, pads, this.constant(`${name}.value`, [], new Float32Array([value]))] : [x.name, pads]
    const probeSize = [x.probeSize[0] + top + bottom, x.probeSize[1] + left + right] as const
    return this.node('Pad', inputs, [stringAttribute('mode', mode)], { channels: x.channels, probeSize }, name)
  }

  relu = (x: Tensor): Tensor => this.node('Relu', [x.name], [], x)
  leakyRelu = (x: Tensor, alpha = 0.2): Tensor => this.node('LeakyRelu', [x.name], [floatAttribute('alpha', alpha)], x)
  tanh = (x: Tensor): Tensor => this.node('Tanh', [x.name], [], x)
  sigmoid = (x: Tensor): Tensor => this.node('Sigmoid', [x.name], [], x)
  add = (a: Tensor, b: Tensor | number): Tensor => this.binary('Add', a, b)
  sub = (a: Tensor, b: Tensor | number): Tensor => this.binary('Sub', a, b)
  mul = (a: Tensor, b: Tensor | number): Tensor => this.binary('Mul', a, b)

  /** Joins values along channels, as U-Net skip connections do. */
  concat(tensors: readonly Tensor[]): Tensor {
    const [first] = tensors
    if (!first) throw new Error('concat needs at least one tensor')
    for (const t of tensors) assertSameSize(first, t, 'Concat')
    const channels = tensors.reduce((sum, t) => sum + t.channels, 0)
    return this.node('Concat', tensors.map((t) => t.name), [intAttribute('axis', 1)], { channels, probeSize: first.probeSize })
  }

  resize(x: Tensor, o: ResizeOptions): Tensor {
    const scale = o.scale ?? 2
    const coordinates = o.coordinates ?? (o.mode === 'nearest' ? 'asymmetric' : 'half_pixel')
    const name = this.uniqueName('Resize')
    const scales = this.constant(`${name}.scales`, [4], new Float32Array([1, 1, scale, scale]))
    const attributes = [stringAttribute('mode', o.mode), stringAttribute('coordinate_transformation_mode', coordinates)]
    if (o.mode === 'nearest') attributes.push(stringAttribute('nearest_mode', 'floor'))
    const probeSize = [Math.floor(x.probeSize[0] * scale), Math.floor(x.probeSize[1] * scale)] as const
    return this.node('Resize', [x.name, '', scales], attributes, { channels: x.channels, probeSize }, name)
  }

  /** Serialises the graph with `output` as the model's output; `metadata` goes to metadata_props. */
  build(output: Tensor, metadata: Readonly<Record<string, string>> = {}): BuiltModel {
    if (output === this.input) throw new Error('the output must be computed from the input')
    const renamed = (names: readonly string[] | null | undefined): string[] => (names ?? []).map((n) => (n === output.name ? 'output' : n))
    const bytes = encodeModel({
      nodes: this.nodes.map((node) => ({ ...node, input: renamed(node.input), output: renamed(node.output) })),
      initializers: this.initializers,
      inChannels: this.options.inChannels,
      outChannels: output.channels,
      outputKeepsSize: output.probeSize.every((size) => size === PROBE_SIZE),
      metadata
    })
    return { bytes, parameterCount: this.parameterCount }
  }

  private binary(opType: string, a: Tensor, b: Tensor | number): Tensor {
    const name = this.uniqueName(opType)
    if (typeof b === 'number') return this.node(opType, [a.name, this.constant(`${name}.constant`, [], new Float32Array([b]))], [], a, name)
    assertSameSize(a, b, opType)
    if (a.channels !== b.channels) throw new Error(`${opType}: ${a.name} has ${a.channels} channels, ${b.name} ${b.channels}`)
    return this.node(opType, [a.name, b.name], [], a, name)
  }

  private node(opType: string, inputs: string[], attribute: proto.IAttributeProto[], shape: ValueShape, name = this.uniqueName(opType)): Tensor {
    this.claim(name)
    this.nodes.push({ name, opType, input: inputs, output: [name], attribute })
    return { name, channels: shape.channels, probeSize: shape.probeSize }
  }

  /** The input, weight and (unless bias is false) bias names of a convolution layer. */
  private weightedInputs(x: Tensor, o: { name: string; outChannels: number; bias?: boolean }, weightShape: readonly number[]): string[] {
    const weight = this.parameter(`${o.name}.weight`, weightShape)
    return o.bias === false ? [x.name, weight] : [x.name, weight, this.parameter(`${o.name}.bias`, [o.outChannels])]
  }

  private parameter(name: string, shape: readonly number[]): string {
    const values = this.options.weights(name, shape)
    const expected = shape.reduce((a, b) => a * b, 1)
    if (values.length !== expected) throw new Error(`weight ${name} has ${values.length} values, shape [${shape.join(', ')}] needs ${expected}`)
    this.parameterCount += expected
    return this.constant(name, shape, values)
  }

  private constant(name: string, shape: readonly number[], values: Float32Array): string {
    this.claim(name)
    this.initializers.push(floatTensor(name, shape, values))
    return name
  }

  private constantInt64(name: string, values: readonly number[]): string {
    this.claim(name)
    this.initializers.push(int64Tensor(name, values))
    return name
  }

  private uniqueName(prefix: string): string {
    let n = 1
    while (this.names.has(`${prefix}_${n}`)) n++
    return `${prefix}_${n}`
  }

  private claim(name: string): void {
    if (this.names.has(name)) throw new Error(`duplicate name in graph: ${name}`)
    this.names.add(name)
  }
}

function sides(padding: Padding): readonly [number, number, number, number] {
  return typeof padding === 'number' ? [padding, padding, padding, padding] : padding
}

function assertSameSize(a: Tensor, b: Tensor, opType: string): void {
  if (a.probeSize[0] !== b.probeSize[0] || a.probeSize[1] !== b.probeSize[1]) {
    throw new Error(`${opType}: ${a.name} and ${b.name} differ in height or width`)
  }
}
