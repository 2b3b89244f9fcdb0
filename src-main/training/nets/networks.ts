import { seededWeights } from '../../onnx'
import { channelsOf, type TrainConfig } from '../config'
import { recompute } from '../ops/recompute'
import type { RecomputeLevelChosen } from '../recompute-choice'
import type { Layer } from './layers'
import { ParamSet } from './params'
import { patchDiscriminator } from './patch-discriminator'
import { resnetGenerator } from './resnet-generator'
import { unetGenerator } from './unet-generator'

export interface Network {
  readonly params: ParamSet
  readonly apply: Layer
}

export type Direction = 'AtoB' | 'BtoA'

/** The generators and discriminators a mode trains, with the reference's names. */
export interface Networks {
  /** cyclegan: G_A (A→B) and G_B (B→A); pix2pix and colorize: G (A→B) only. */
  generators: Partial<Record<Direction, Network>>
  /** cyclegan: D_A judges B images (real or from G_A), D_B judges A images; pix2pix: D judges (input, output) pairs. */
  discriminators: Record<string, Network>
}

/** The mode's networks; `level` says what the generators recompute in backprop ('generator' nests the blocks' too). */
export function buildNetworks(config: TrainConfig, level: RecomputeLevelChosen): Networks {
  const init = seededWeights(config.seed)
  const { in: inC, out: outC } = channelsOf(config.mode)
  const generator = (prefix: string, inChannels: number, outChannels: number): Network => {
    const params = new ParamSet(prefix, init)
    const forward =
      config.generator === 'resnet'
        ? resnetGenerator(params, { inChannels, outChannels, ngf: config.ngf, blocks: config.blocks, upsampling: config.upsampling, recomputeBlocks: level !== 'off' })
        : unetGenerator(params, { inChannels, outChannels, ngf: config.ngf, depth: config.unetDepth })
    return { params, apply: level === 'generator' ? recompute(forward, [...params.trainable.values()]) : forward }
  }
  const discriminator = (prefix: string, inChannels: number): Network => {
    const params = new ParamSet(prefix, init)
    const options = { inChannels, ndf: config.ndf, layers: config.dLayers, spectralNorm: config.spectralNorm, twiceDifferentiable: config.loss === 'wgan-gp' }
    return { params, apply: patchDiscriminator(params, options) }
  }
  if (config.mode === 'cyclegan') {
    return {
      generators: { AtoB: generator('G_A', inC, outC), BtoA: generator('G_B', outC, inC) },
      discriminators: { D_A: discriminator('D_A', outC), D_B: discriminator('D_B', inC) }
    }
  }
  return { generators: { AtoB: generator('G', inC, outC) }, discriminators: { D: discriminator('D', inC + outC) } }
}
