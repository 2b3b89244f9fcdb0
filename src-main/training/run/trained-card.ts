import { basename } from 'node:path'
import type { ModelTask } from '../../../src-preload/model-card'
import type { TrainDirection, TrainingRun } from '../../../src-preload/training-run'
import type { ImportOptions } from '../../models'
import type { TrainedProvenance } from '../../models/registry'
import { sizeMultipleOf } from '../config'
import type { RunSpec } from './run-folder'

const ARCHITECTURE_CREDIT = {
  work: 'CycleGAN and pix2pix generator and PatchGAN discriminator designs (Zhu, Park, Isola, Efros)',
  licence: 'BSD-2-Clause',
  source: 'https://github.com/junyanz/pytorch-CycleGAN-and-pix2pix'
}

/**
 * What a model saved from a run is called and what its card records: data, counts, steps, settings, time, backend.
 * Photo folders by base name only: a card travels with an exported model and must not tell where files lie here.
 */
export function trainedModel(run: TrainingRun, { config, from }: Pick<RunSpec, 'config' | 'from'>, direction: TrainDirection, step: number, request: { name?: string; modelId?: string; task?: ModelTask }): { options: ImportOptions; provenance: TrainedProvenance } {
  const colorize = run.mode === 'colorize'
  const arrow = direction === 'AtoB' ? 'A→B' : 'B→A'
  const { a, b, countA, countB } = run.data
  const data = { ...run.data, a: basename(a), ...(b !== undefined && { b: basename(b) }) }
  const photos = [{ folder: data.a, count: countA }, ...(data.b !== undefined && countB !== undefined ? [{ folder: data.b, count: countB }] : [])]
  return {
    options: {
      id: request.modelId,
      name: request.name ?? (run.mode === 'cyclegan' ? `${run.name} (${arrow})` : run.name),
      task: request.task ?? (colorize ? 'colorize' : 'custom'),
      pipeline: colorize ? 'lab-chroma' : 'rgb',
      normalisation: 'tanh',
      sizeMultiple: sizeMultipleOf(config)
    },
    provenance: {
      licence: 'as the owners of the training photos allow (GAN Studio records where they came from, not their licence)',
      credits: [...photos.map(({ folder, count }) => ({ work: `${count} training photos`, licence: 'not recorded', source: folder })), ARCHITECTURE_CREDIT],
      notes: [
        `Trained in GAN Studio: ${run.mode}, ${step} of ${run.steps} steps on ${photos.map((p) => `${p.count} photos from ${p.folder}`).join(' and ')}.`,
        ...(from ? [`Fine-tuned from “${from.name}” (${from.modelId}).`] : [])
      ].join(' '),
      training: {
        runId: run.id,
        run: run.name,
        mode: run.mode,
        direction,
        preset: run.preset,
        steps: step,
        config,
        ...(from && { fineTunedFrom: { modelId: from.modelId, name: from.name, sha256: from.sha256 } }),
        data,
        trainingSeconds: Math.round(run.trainingSeconds),
        backend: run.backend,
        savedAt: new Date().toISOString()
      }
    }
  }
}
