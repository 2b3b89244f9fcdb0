import { z } from 'zod'
import { TrainMode, TrainSettings } from '../../src-preload/training-run'

export { TrainMode }

/** Every training option, in one place: the contract's settings and the mode. */
export const TrainConfigSchema = TrainSettings.extend({
  /** unpaired → CycleGAN; paired → pix2pix; colorize → pix2pix from L (1 channel) to ab (2 channels). */
  mode: TrainMode
})
  .strict()
  .superRefine((c, ctx) => {
    const issue = (path: keyof typeof c, message: string): void => ctx.addIssue({ code: 'custom', path: [path], message })
    if (c.decayFrom > c.steps) issue('decayFrom', `decayFrom (${c.decayFrom}) must not exceed steps (${c.steps})`)
    const multiple = c.generator === 'resnet' ? 4 : 2 ** c.unetDepth
    if (c.size % multiple !== 0) issue('size', `size ${c.size} must be a multiple of ${multiple} for the ${c.generator} generator`)
    const patches = c.size / 2 ** c.dLayers - 2
    if (patches < 1) issue('dLayers', `a ${c.dLayers}-layer discriminator needs crops of at least ${3 * 2 ** c.dLayers} px (size is ${c.size})`)
  })
export type TrainConfig = z.infer<typeof TrainConfigSchema>

export type PresetName = 'reference' | 'fast'

/** The reference implementation's defaults (pytorch-CycleGAN-and-pix2pix, 256² crops). */
const REFERENCE: Omit<TrainConfig, 'mode'> = {
  size: 256,
  generator: 'resnet',
  ngf: 64,
  ndf: 64,
  blocks: 9,
  unetDepth: 8,
  dLayers: 3,
  upsampling: 'transpose',
  loss: 'lsgan',
  spectralNorm: false,
  dSteps: 1,
  lambdaCycle: 10,
  lambdaIdentity: 0.5,
  lambdaL1: 100,
  lambdaGp: 10,
  poolSize: 50,
  lr: 2e-4,
  beta1: 0.5,
  beta2: 0.999,
  steps: 200_000,
  decayFrom: 100_000,
  recompute: 'auto',
  seed: 1
}

export const PRESETS: Record<PresetName, Omit<TrainConfig, 'mode'>> = {
  reference: REFERENCE,
  /** Small enough to train on a laptop CPU: 128² crops, a quarter of the filters, 6 blocks. */
  fast: { ...REFERENCE, size: 128, ngf: 16, ndf: 32, blocks: 6, unetDepth: 7, upsampling: 'resize-conv', steps: 20_000, decayFrom: 10_000 }
}

/** What pix2pix changes from the CycleGAN defaults: U-Net, the cross-entropy GAN loss, no image pool. */
const MODE_DEFAULTS: Record<TrainMode, Partial<TrainConfig>> = {
  cyclegan: {},
  pix2pix: { generator: 'unet', loss: 'vanilla', poolSize: 0 },
  colorize: { generator: 'unet', loss: 'vanilla', poolSize: 0 }
}

/**
 * A preset, then the mode's own defaults, then `overrides`; validated. Steps given without `decayFrom` move the
 * decay start with them, keeping the preset's proportion (the reference decays over the second half).
 */
export function resolveConfig(preset: PresetName, overrides: Partial<TrainConfig> & { mode: TrainMode }): TrainConfig {
  const base = PRESETS[preset]
  const given = Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined)) as typeof overrides
  const decay = given.steps !== undefined && given.decayFrom === undefined ? { decayFrom: Math.floor((given.steps * base.decayFrom) / base.steps) } : {}
  return TrainConfigSchema.parse({ ...base, ...MODE_DEFAULTS[given.mode], ...decay, ...given })
}

/** The options that shape a generator: a model fine-tuned from brings its own. */
export const GENERATOR_SHAPE = ['generator', 'ngf', 'blocks', 'unetDepth', 'upsampling'] as const
const { generator, ngf, blocks, unetDepth, upsampling } = TrainConfigSchema.shape
export const GeneratorShape = z.object({ generator, ngf, blocks, unetDepth, upsampling })
export type GeneratorShape = z.infer<typeof GeneratorShape>

/** Channels of the generator's input and output: images a and b of a Batch have these. */
export function channelsOf(mode: TrainMode): { in: number; out: number } {
  return mode === 'colorize' ? { in: 1, out: 2 } : { in: 3, out: 3 }
}

/** Height and width a trained generator accepts must be multiples of this. */
export function sizeMultipleOf(config: Pick<TrainConfig, 'generator' | 'unetDepth'>): number {
  return config.generator === 'resnet' ? 4 : 2 ** config.unetDepth
}
