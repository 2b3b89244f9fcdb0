import { resnetGenerator, unetGenerator } from '../onnx'
import { channelsOf, type TrainConfig } from './config'
import type { Direction } from './nets/networks'
import type { ParamSet } from './nets/params'

/**
 * The trained generator as an ONNX model (opset 17, NCHW, free height and width) built by src-main/onnx from the
 * tfjs variables, which carry the builder's parameter names. Input and output are in the training normalisation:
 * 'tanh' ([−1, 1]; for colorize L/50 − 1 in and ab/110 out, src-main/models/normalisation.ts).
 */
export function exportGenerator(config: TrainConfig, params: ParamSet, direction: Direction, metadata: Readonly<Record<string, string>> = {}): Uint8Array {
  const channels = channelsOf(config.mode)
  const [inChannels, outChannels] = direction === 'AtoB' ? [channels.in, channels.out] : [channels.out, channels.in]
  const weights = params.weightSource()
  const built =
    config.generator === 'resnet'
      ? resnetGenerator({ inChannels, outChannels, ngf: config.ngf, nBlocks: config.blocks, upsampling: config.upsampling, weights, metadata })
      : unetGenerator({ inChannels, outChannels, ngf: config.ngf, depth: config.unetDepth, weights, metadata })
  if (built.parameterCount !== countOf(params)) {
    throw new Error(`the exported graph holds ${built.parameterCount} parameters but ${params.prefix} trains ${countOf(params)}`)
  }
  return built.bytes
}

function countOf(params: ParamSet): number {
  return [...params.trainable.values()].reduce((sum, v) => sum + v.size, 0)
}
