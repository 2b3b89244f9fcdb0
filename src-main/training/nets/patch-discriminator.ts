import * as tf from '@tensorflow/tfjs'
import { conv, norm, twiceDifferentiable, type Layer } from './layers'
import type { ParamSet } from './params'

export interface PatchOptions {
  inChannels: number
  ndf: number
  /** Stride-2 layers; 3 is the reference's 70×70 PatchGAN. */
  layers: number
  spectralNorm: boolean
  /** Build from ops tfjs can differentiate twice, for the gradient penalty. */
  twiceDifferentiable: boolean
}

/**
 * NLayerDiscriminator: 4×4 convs (stride 2, then two of stride 1) with instance norm and LeakyReLU(0.2), giving
 * one raw score per overlapping patch.
 */
export function patchDiscriminator(p: ParamSet, o: PatchOptions): Layer {
  const normalise = o.twiceDifferentiable ? twiceDifferentiable.norm : norm
  const activate = (x: tf.Tensor4D): tf.Tensor4D => (o.twiceDifferentiable ? twiceDifferentiable.leakyRelu(x, 0.2) : tf.leakyRelu(x, 0.2))
  const layer = (i: number, inChannels: number, outChannels: number, stride: number, normed: boolean): Layer => {
    const convolve = conv(p, { name: `layer${i}.conv`, inChannels, outChannels, kernel: 4, stride, pad: 1, spectralNorm: o.spectralNorm })
    return (x) => activate(normed ? normalise(convolve(x)) : convolve(x))
  }
  const widths = Array.from({ length: o.layers + 1 }, (_, n) => o.ndf * Math.min(2 ** n, 8))
  const layers: Layer[] = [layer(0, o.inChannels, widths[0]!, 2, false)]
  for (let n = 1; n < o.layers; n++) layers.push(layer(n, widths[n - 1]!, widths[n]!, 2, true))
  layers.push(layer(o.layers, widths[o.layers - 1]!, widths[o.layers]!, 1, true))
  const score = conv(p, { name: 'score.conv', inChannels: widths[o.layers]!, outChannels: 1, kernel: 4, pad: 1, spectralNorm: o.spectralNorm })
  return (x) => score(layers.reduce((y, l) => l(y), x))
}
