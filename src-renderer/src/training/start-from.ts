import { unfitFor, type ModelCard, type TrainMode, type Unfit } from '@contract'

export interface StartFromGroup {
  source: ModelCard['source']
  options: { id: string; name: string; unfit?: Unfit }[]
}

const SOURCES: readonly ModelCard['source'][] = ['trained', 'built-in', 'imported']

/** The installed models by source, those that fit `mode` first in each group. */
export function startFromGroups(models: readonly ModelCard[], mode: TrainMode): StartFromGroup[] {
  return SOURCES.map((source) => {
    const options = models.filter((m) => m.source === source).map((m) => ({ id: m.id, name: m.name, unfit: unfitFor(m, mode) }))
    return { source, options: [...options.filter((o) => !o.unfit), ...options.filter((o) => o.unfit)] }
  }).filter((group) => group.options.length > 0)
}
