import { GraphBuilder } from './graph-builder'
import type { BuiltModel, Tensor } from './graph-types'
import type { WeightSource } from './weights'

export interface ResnetGeneratorOptions {
  inChannels: number
  outChannels: number
  /** Filters of the first convolution; the reference CycleGAN uses 64. */
  ngf: number
  /** Residual blocks at the bottleneck; 9 for 256² images in the reference, 6 for 128². */
  nBlocks: number
  /** 'resize-conv' (nearest ×2, then 3×3 conv) avoids the checkerboard artefacts of transposed convolutions. */
  upsampling: 'transpose' | 'resize-conv'
  weights: WeightSource
  metadata?: Readonly<Record<string, string>>
}

/** ResnetBlock without dropout: x + (reflect-pad, 3×3 conv, norm, ReLU, reflect-pad, 3×3 conv, norm)(x). */
export function resnetBlock(g: GraphBuilder, x: Tensor, name: string): Tensor {
  const conv1 = g.conv(g.pad(x, 1, 'reflect'), { name: `${name}.conv1`, outChannels: x.channels, kernel: 3 })
  const hidden = g.relu(g.instanceNorm(conv1, { name: `${name}.norm1` }))
  const conv2 = g.conv(g.pad(hidden, 1, 'reflect'), { name: `${name}.conv2`, outChannels: x.channels, kernel: 3 })
  return g.add(x, g.instanceNorm(conv2, { name: `${name}.norm2` }))
}

/**
 * The CycleGAN ResnetGenerator: reflect-pad + 7×7 conv, two stride-2 downsamples, nBlocks residual blocks,
 * two ×2 upsamples, reflect-pad + 7×7 conv, tanh; instance norm and ReLU after every inner convolution.
 * Runs at any height and width that are multiples of 4.
 */
export function resnetGenerator(o: ResnetGeneratorOptions): BuiltModel {
  const g = new GraphBuilder({ inChannels: o.inChannels, weights: o.weights })
  const normRelu = (x: Tensor, name: string): Tensor => g.relu(g.instanceNorm(x, { name }))

  let x = normRelu(g.conv(g.pad(g.input, 3, 'reflect'), { name: 'stem.conv', outChannels: o.ngf, kernel: 7 }), 'stem.norm')
  for (const i of [1, 2]) {
    x = normRelu(g.conv(x, { name: `down${i}.conv`, outChannels: x.channels * 2, kernel: 3, stride: 2, pad: 1 }), `down${i}.norm`)
  }
  for (let i = 1; i <= o.nBlocks; i++) x = resnetBlock(g, x, `block${i}`)
  for (const i of [1, 2]) x = normRelu(upsample(g, x, `up${i}.conv`, o.upsampling), `up${i}.norm`)
  const head = g.conv(g.pad(x, 3, 'reflect'), { name: 'head.conv', outChannels: o.outChannels, kernel: 7 })
  return g.build(g.tanh(head), o.metadata)
}

/** Doubles height and width and halves the channels. */
function upsample(g: GraphBuilder, x: Tensor, name: string, kind: ResnetGeneratorOptions['upsampling']): Tensor {
  const outChannels = x.channels / 2
  return kind === 'transpose'
    ? g.convTranspose(x, { name, outChannels, kernel: 3, stride: 2, pad: 1, outputPad: 1 })
    : g.conv(g.resize(x, { mode: 'nearest' }), { name, outChannels, kernel: 3, pad: 1 })
}
