import * as tf from '@tensorflow/tfjs'
import { instanceNorm } from '../ops/instance-norm'
import type { ParamSet } from './params'
import { spectrallyNormalised } from './spectral-norm'

/** A block of a network on NHWC tensors. */
export type Layer = (x: tf.Tensor4D) => tf.Tensor4D

export interface ConvSpec {
  name: string
  inChannels: number
  outChannels: number
  kernel: number
  stride?: number
  /** Zero padding on every side, as PyTorch's Conv2d `padding`. */
  pad?: number
  spectralNorm?: boolean
}

/** Conv2d with bias; explicit zero padding instead of tfjs 'same', which pads asymmetrically at stride 2. */
export function conv(p: ParamSet, s: ConvSpec): Layer {
  const weight = p.parameter(`${s.name}.weight`, [s.outChannels, s.inChannels, s.kernel, s.kernel])
  const bias = p.parameter(`${s.name}.bias`, [s.outChannels])
  const kernel = s.spectralNorm ? spectrallyNormalised(p, s.name, weight) : () => weight as tf.Tensor4D
  const pad = s.pad ?? 0
  return (x) => {
    const padded = pad > 0 ? tf.pad(x, [[0, 0], [pad, pad], [pad, pad], [0, 0]]) : x
    return tf.add(tf.conv2d(padded, kernel(), s.stride ?? 1, 'valid'), bias)
  }
}

export interface ConvTransposeSpec {
  name: string
  inChannels: number
  outChannels: number
  kernel: number
  stride: number
  pad: number
  outputPad?: number
}

/**
 * PyTorch's ConvTranspose2d: the full transposed convolution, cropped by `pad` at the start and `pad − outputPad`
 * at the end. (tfjs 'same' crops a 3×3 stride-2 one differently, shifting the image by a pixel.)
 */
export function convTranspose(p: ParamSet, s: ConvTransposeSpec): Layer {
  const outputPad = s.outputPad ?? 0
  if (outputPad > s.pad) throw new Error(`${s.name}: output padding ${outputPad} larger than padding ${s.pad} is not supported`)
  const weight = p.parameter(`${s.name}.weight`, [s.inChannels, s.outChannels, s.kernel, s.kernel]) as tf.Variable<tf.Rank.R4>
  const bias = p.parameter(`${s.name}.bias`, [s.outChannels])
  return (x) => {
    const [n, h, w] = x.shape
    const full = (size: number): number => (size - 1) * s.stride + s.kernel
    const out = (size: number): number => full(size) - 2 * s.pad + outputPad
    const y = tf.conv2dTranspose(x, weight, [n, full(h), full(w), s.outChannels], s.stride, 'valid')
    const cropped = tf.slice(y, [0, s.pad, s.pad, 0], [n, out(h), out(w), s.outChannels])
    return tf.add(cropped, bias)
  }
}

/** Doubles height and width: a PyTorch-padded 3×3 transposed conv, or nearest ×2 then a 3×3 conv. */
export function upsample(p: ParamSet, name: string, inChannels: number, outChannels: number, kind: 'transpose' | 'resize-conv'): Layer {
  if (kind === 'transpose') return convTranspose(p, { name, inChannels, outChannels, kernel: 3, stride: 2, pad: 1, outputPad: 1 })
  const convolve = conv(p, { name, inChannels, outChannels, kernel: 3, pad: 1 })
  return (x) => convolve(tf.image.resizeNearestNeighbor(x, [x.shape[1] * 2, x.shape[2] * 2], false, false))
}

/** Instance norm without learned scale and shift, PyTorch's InstanceNorm2d default. */
export const norm: Layer = (x) => instanceNorm(x)

/**
 * Instance norm and LeakyReLU from ops that tfjs can differentiate twice, for the gradient penalty (the fused
 * instance norm's gradient is a black box to an outer tape; tfjs's LeakyReLU gradient uses Greater, which has none).
 */
export const twiceDifferentiable = {
  norm: ((x) => {
    const centred = tf.sub(x, tf.mean(x, [1, 2], true))
    return tf.mul(centred, tf.rsqrt(tf.add(tf.mean(tf.square(centred), [1, 2], true), 1e-5)))
  }) as Layer,
  leakyRelu: (x: tf.Tensor4D, alpha: number): tf.Tensor4D => tf.add(tf.mul(tf.relu(x), 1 - alpha), tf.mul(x, alpha))
}

export const relu: Layer = (x) => tf.relu(x)
