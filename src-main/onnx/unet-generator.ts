import { GraphBuilder } from './graph-builder'
import type { BuiltModel, Tensor } from './graph-types'
import type { WeightSource } from './weights'

export interface UnetGeneratorOptions {
  inChannels: number
  outChannels: number
  /** Filters of the outermost level; the reference pix2pix uses 64. */
  ngf: number
  /** Stride-2 downsamples; the reference unet_256 has 8 (1×1 at the bottom of a 256² image). */
  depth: number
  weights: WeightSource
  metadata?: Readonly<Record<string, string>>
}

/**
 * The pix2pix UnetGenerator: 4×4 stride-2 convolutions down, 4×4 stride-2 transposed convolutions up, each
 * level's input concatenated to its output. Runs at any height and width that are multiples of 2^depth.
 */
export function unetGenerator(o: UnetGeneratorOptions): BuiltModel {
  if (!Number.isInteger(o.depth) || o.depth < 1) throw new Error(`U-Net depth must be a positive integer, got ${o.depth}`)
  const g = new GraphBuilder({ inChannels: o.inChannels, weights: o.weights })
  return g.build(unetSkipBlock(g, g.input, 0, o), o.metadata)
}

/**
 * UnetSkipConnectionBlock at `level` (0 outermost): LeakyReLU(0.2), conv down, norm, the deeper levels, ReLU,
 * transposed conv up, norm, then concat with x. The outermost has no activation or norm going down and ends in
 * tanh with no concat; the innermost has no norm going down. Dropout is left out: it is off at inference.
 */
function unetSkipBlock(g: GraphBuilder, x: Tensor, level: number, o: UnetGeneratorOptions): Tensor {
  const outermost = level === 0
  const innermost = level === o.depth - 1
  const id = level + 1
  const innerChannels = o.ngf * Math.min(2 ** level, 8)

  const down = g.conv(outermost ? x : g.leakyRelu(x, 0.2), { name: `down${id}.conv`, outChannels: innerChannels, kernel: 4, stride: 2, pad: 1 })
  const normedDown = outermost || innermost ? down : g.instanceNorm(down, { name: `down${id}.norm` })
  const middle = innermost ? normedDown : unetSkipBlock(g, normedDown, level + 1, o)
  const outChannels = outermost ? o.outChannels : x.channels
  const up = g.convTranspose(g.relu(middle), { name: `up${id}.conv`, outChannels, kernel: 4, stride: 2, pad: 1 })
  return outermost ? g.tanh(up) : g.concat([x, g.instanceNorm(up, { name: `up${id}.norm` })])
}
