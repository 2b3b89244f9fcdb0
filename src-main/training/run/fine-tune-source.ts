import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { z } from 'zod'
import { ModelId, ModelSource, type ModelCard } from '../../../src-preload/model-card'
import { MODE_PIPELINE, unfitFor, type Unfit } from '../../../src-preload/training-run'
import { StudioError } from '../../common/studio-error'
import type { ModelRegistry } from '../../models'
import { channelsOf, GENERATOR_SHAPE, GeneratorShape, resolveConfig, type PresetName, type TrainConfig, type TrainMode } from '../config'
import { readBuilderGenerator, tfjsGeneratorWeights } from '../import-onnx-weights'
import type { SerialTensor } from '../optim/adam'

/** The model a run fine-tunes, as recorded in its run.json, its row's config and the cards of models saved from it. */
export const FineTuneFrom = z.object({
  modelId: ModelId,
  name: z.string(),
  source: ModelSource,
  /** Of the .onnx trained from; run.json's copy is checked against it. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** The generator options the run takes from the model, over the preset and the user's settings. */
  architecture: GeneratorShape.partial(),
  /** 'card': from the training config on the model's card; 'layers': read from its initializers. */
  architectureFrom: z.enum(['card', 'layers']),
  /** Settings the user gave that the model's architecture replaced. */
  replaced: z.array(z.string())
})
export type FineTuneFrom = z.infer<typeof FineTuneFrom>

const WHAT: Record<ModelCard['pipeline'], string> = {
  rgb: 'an RGB model (R, G, B in and out: 3 → 3 channels)',
  'lab-chroma': 'a colorizer (L in, a and b out: 1 → 2 channels)'
}

/** Why `card` cannot start a `mode` run, in words. */
function unfitMessage(card: Pick<ModelCard, 'name' | 'pipeline'>, mode: TrainMode, unfit: Unfit): string {
  if (unfit === 'otherScale') {
    return `“${card.name}” scales its values other than GAN Studio's generators (tanh, [−1, 1]); fine-tuning would start from a model that sees its input differently`
  }
  const instead = card.pipeline === 'rgb' ? 'a cyclegan or pix2pix' : 'a colorize'
  return `“${card.name}” is ${WHAT[card.pipeline]}, but a ${mode} run trains ${WHAT[MODE_PIPELINE[mode]]}; fine-tune it in ${instead} run`
}

/**
 * Checks that the installed model `modelId` can start a `mode` run (see readBuilderGenerator) and returns its bytes
 * and the record the run keeps. Its architecture comes from its card's training config when it was trained here.
 */
export async function fineTuneSource(registry: ModelRegistry, modelId: string, mode: TrainMode, overrides: Partial<TrainConfig>): Promise<{ from: FineTuneFrom; bytes: Uint8Array }> {
  const card = registry.get(modelId)
  const unfit = unfitFor(card, mode)
  if (unfit) throw new StudioError('model-mode-mismatch', unfitMessage(card, mode, unfit))
  const bytes = await readFile(registry.modelPath(modelId))
  const sha256 = createHash('sha256').update(bytes).digest('hex')
  if (sha256 !== card.sha256) throw new StudioError('model-changed', `the file of “${card.name}” changed since it was installed (its sha256 no longer matches its card)`)
  const fromCard = GeneratorShape.safeParse(card.training?.config)
  const generator = readBuilderGenerator(bytes, card.name, fromCard.success ? fromCard.data : undefined)
  const channels = channelsOf(mode)
  if (generator.inChannels !== channels.in || generator.outChannels !== channels.out) {
    throw new StudioError('model-mode-mismatch', `“${card.name}” maps ${generator.inChannels} → ${generator.outChannels} channels, but a ${mode} run trains ${channels.in} → ${channels.out}`)
  }
  const architecture = generator.shape
  const replaced = GENERATOR_SHAPE.filter((key) => overrides[key] !== undefined && architecture[key] !== undefined && overrides[key] !== architecture[key])
  return {
    bytes,
    from: { modelId, name: card.name, source: card.source, sha256, architecture, architectureFrom: fromCard.success ? 'card' : 'layers', replaced }
  }
}

/** The worker's side: the copy kept in the run folder, checked against its hash, as tfjs-layout A→B generator weights. */
export async function fineTuneWeights(path: string, from: FineTuneFrom, config: TrainConfig): Promise<Record<string, SerialTensor>> {
  const bytes = await readFile(path)
  if (createHash('sha256').update(bytes).digest('hex') !== from.sha256) {
    throw new StudioError('run-damaged', `the copy of “${from.name}” this run fine-tunes (${path}) is damaged: its sha256 no longer matches`)
  }
  const shape = GeneratorShape.parse(config)
  return tfjsGeneratorWeights(readBuilderGenerator(bytes, from.name, shape))
}

/** The run's config: the preset, the user's settings, then the model's architecture when fine-tuning from one. */
export function fineTuneConfig(preset: PresetName, overrides: Partial<TrainConfig>, mode: TrainMode, from?: FineTuneFrom): TrainConfig {
  try {
    return resolveConfig(preset, { ...overrides, ...from?.architecture, mode })
  } catch (err) {
    if (!from || !(err instanceof z.ZodError)) throw err
    const kept = Object.entries(from.architecture).map(([key, value]) => `${key} ${String(value)}`).join(', ')
    throw new StudioError('invalid-request', `fine-tuning “${from.name}” keeps its generator (${kept}): ${err.issues.map((issue) => issue.message).join('; ')}`)
  }
}
