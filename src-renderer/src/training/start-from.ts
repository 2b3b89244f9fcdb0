import { MODE_PIPELINE, type ModelCard, type TrainMode } from '@contract'

/** Why a model cannot start a run: made for the other kind of training, or scaling its values unlike GAN Studio's generators. */
export type Unfit = 'otherMode' | 'otherScale'

export interface StartFromGroup {
  source: ModelCard['source']
  options: { id: string; name: string; unfit?: Unfit }[]
}

const SOURCES: readonly ModelCard['source'][] = ['trained', 'built-in', 'imported']

/** As the studio checks when the run starts (it also reads the model's layers, which a card does not show). */
export function unfitFor(card: ModelCard, mode: TrainMode): Unfit | undefined {
  if (card.pipeline !== MODE_PIPELINE[mode]) return 'otherMode'
  if (card.input.normalisation !== 'tanh' || card.output.normalisation !== 'tanh') return 'otherScale'
  return undefined
}

/** The installed models by source, those that fit `mode` first in each group. */
export function startFromGroups(models: readonly ModelCard[], mode: TrainMode): StartFromGroup[] {
  return SOURCES.map((source) => {
    const options = models.filter((m) => m.source === source).map((m) => ({ id: m.id, name: m.name, unfit: unfitFor(m, mode) }))
    return { source, options: [...options.filter((o) => !o.unfit), ...options.filter((o) => o.unfit)] }
  }).filter((group) => group.options.length > 0)
}
