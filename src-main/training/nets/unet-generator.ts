import * as tf from '@tensorflow/tfjs'
import { conv, convTranspose, norm, type Layer } from './layers'
import type { ParamSet } from './params'

export interface UnetOptions {
  inChannels: number
  outChannels: number
  ngf: number
  depth: number
}

/**
 * The pix2pix UnetGenerator as src-main/onnx/unet-generator.ts exports it: each level is LeakyReLU(0.2), 4×4
 * stride-2 conv, norm, the deeper levels, ReLU, 4×4 stride-2 transposed conv, norm, concatenated with its input.
 * The outermost level has no activation or norm going down and ends in tanh; the innermost has no norm going down.
 * No dropout (the reference's is the only randomness at inference, and the exported graph has none).
 */
export function unetGenerator(p: ParamSet, o: UnetOptions): Layer {
  return skipBlock(p, 0, o.inChannels, o)
}

function skipBlock(p: ParamSet, level: number, inChannels: number, o: UnetOptions): Layer {
  const outermost = level === 0
  const innermost = level === o.depth - 1
  const id = level + 1
  const inner = o.ngf * Math.min(2 ** level, 8)
  const down = conv(p, { name: `down${id}.conv`, inChannels, outChannels: inner, kernel: 4, stride: 2, pad: 1 })
  const deeper = innermost ? undefined : skipBlock(p, level + 1, inner, o)
  const upIn = innermost ? inner : 2 * inner
  const up = convTranspose(p, { name: `up${id}.conv`, inChannels: upIn, outChannels: outermost ? o.outChannels : inChannels, kernel: 4, stride: 2, pad: 1 })
  return (x) => {
    const d = down(outermost ? x : tf.leakyRelu(x, 0.2))
    const middle = deeper ? deeper(outermost ? d : norm(d)) : d
    const u = up(tf.relu(middle))
    return outermost ? tf.tanh(u) : tf.concat([x, norm(u)], 3)
  }
}
