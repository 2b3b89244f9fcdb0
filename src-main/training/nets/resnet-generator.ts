import * as tf from '@tensorflow/tfjs'
import { reflectPad2d } from '../ops/reflect-pad'
import { recompute } from '../ops/recompute'
import { conv, norm, upsample, type Layer } from './layers'
import type { ParamSet } from './params'

export interface ResnetOptions {
  inChannels: number
  outChannels: number
  ngf: number
  blocks: number
  upsampling: 'transpose' | 'resize-conv'
  /** Recompute each residual block during backprop instead of keeping its activations. */
  recomputeBlocks: boolean
}

/** ResnetBlock: x + (reflect-pad, 3×3 conv, norm, ReLU, reflect-pad, 3×3 conv, norm)(x). */
function resnetBlock(p: ParamSet, name: string, channels: number, checkpointed: boolean): Layer {
  const before = new Set(p.trainable.keys())
  const conv1 = conv(p, { name: `${name}.conv1`, inChannels: channels, outChannels: channels, kernel: 3 })
  const conv2 = conv(p, { name: `${name}.conv2`, inChannels: channels, outChannels: channels, kernel: 3 })
  const residual: Layer = (x) => norm(conv2(reflectPad2d(tf.relu(norm(conv1(reflectPad2d(x, 1)))), 1)))
  const own = [...p.trainable].filter(([key]) => !before.has(key)).map(([, variable]) => variable)
  const body = checkpointed ? recompute(residual, own) : residual
  return (x) => tf.add(x, body(x))
}

/**
 * The CycleGAN ResnetGenerator, layer for layer as src-main/onnx/resnet-generator.ts exports it: reflect-pad +
 * 7×7 conv, two stride-2 3×3 convs, residual blocks, two ×2 upsamples, reflect-pad + 7×7 conv, tanh.
 */
export function resnetGenerator(p: ParamSet, o: ResnetOptions): Layer {
  const normRelu = (layer: Layer): Layer => (x) => tf.relu(norm(layer(x)))
  const layers: Layer[] = [normRelu(conv(p, { name: 'stem.conv', inChannels: o.inChannels, outChannels: o.ngf, kernel: 7 }))]
  let channels = o.ngf
  for (const i of [1, 2]) {
    layers.push(normRelu(conv(p, { name: `down${i}.conv`, inChannels: channels, outChannels: channels * 2, kernel: 3, stride: 2, pad: 1 })))
    channels *= 2
  }
  for (let i = 1; i <= o.blocks; i++) layers.push(resnetBlock(p, `block${i}`, channels, o.recomputeBlocks))
  for (const i of [1, 2]) {
    layers.push(normRelu(upsample(p, `up${i}.conv`, channels, channels / 2, o.upsampling)))
    channels /= 2
  }
  const head = conv(p, { name: 'head.conv', inChannels: channels, outChannels: o.outChannels, kernel: 7 })
  return (x) => {
    let y = layers[0]!(reflectPad2d(x, 3))
    for (const layer of layers.slice(1)) y = layer(y)
    return tf.tanh(head(reflectPad2d(y, 3)))
  }
}
