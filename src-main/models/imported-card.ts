import { basename, extname } from 'node:path'
import { StudioError } from '../common/studio-error'
import { ModelId, type ModelCard, type ModelPipeline, type ModelTask } from '../../src-preload/model-card'
import type { Normalisation } from '../../src-preload/model-card'
import type { OnnxInspection } from './validate-onnx'

/** What the user may say about a model they import; everything else is read from the file. */
export interface ImportOptions {
  /** A slug; refused if taken. Without it, one is made from the name, numbered if taken. */
  id?: string
  /** Defaults to the file's name without .onnx. */
  name?: string
  task?: ModelTask
  /** Checked against the model's channels; inferred from them when absent (1 → 2 lab-chroma, 3 → 3 rgb). */
  pipeline?: ModelPipeline
  licence?: string
  /** Defaults to the model's `size_multiple` metadata, else 256 (enough for every CycleGAN and pix2pix generator). */
  sizeMultiple?: number
  /** Defaults to 'tanh' ([−1, 1]), the CycleGAN and pix2pix convention. */
  normalisation?: Normalisation
}

const DEFAULT_SIZE_MULTIPLE = 256
const UNKNOWN_LICENCE = 'unknown (imported by the user)'

/** The card of a model imported from `source.path`, whose bytes hash to `source.sha256`. */
export function importedCard(
  inspection: OnnxInspection,
  source: { path: string; sha256: string },
  options: ImportOptions,
  idTaken: (id: string) => boolean
): ModelCard {
  const name = (options.name?.trim() || basename(source.path, extname(source.path)).trim() || 'Imported model').slice(0, 200)
  const normalisation = options.normalisation ?? 'tanh'
  const lab = inspection.pipeline === 'lab-chroma'
  return {
    id: chooseId(options.id, name, idTaken),
    name,
    task: options.task ?? (lab ? 'colorize' : 'custom'),
    pipeline: inspection.pipeline,
    input: {
      name: inspection.inputName,
      channels: inspection.inChannels,
      colourSpace: lab ? 'L' : 'rgb',
      normalisation,
      ...(inspection.fixedSize && { fixedSize: inspection.fixedSize })
    },
    output: { name: inspection.outputName, channels: inspection.outChannels, colourSpace: lab ? 'ab' : 'rgb', normalisation },
    sizeMultiple: options.sizeMultiple ?? sizeMultipleFromMetadata(inspection.metadata) ?? DEFAULT_SIZE_MULTIPLE,
    recommended: {},
    file: `${source.sha256}.onnx`,
    sha256: source.sha256,
    opset: inspection.opset,
    licence: options.licence?.trim() || UNKNOWN_LICENCE,
    credits: [],
    source: 'imported',
    createdAt: new Date().toISOString(),
    notes: `Imported from ${basename(source.path)}${inspection.producer ? `, made by ${inspection.producer}` : ''}.`
  }
}

function chooseId(requested: string | undefined, name: string, idTaken: (id: string) => boolean): string {
  if (requested !== undefined) {
    const parsed = ModelId.safeParse(requested)
    if (!parsed.success) throw new StudioError('invalid-request', `model id "${requested}" ${parsed.error.issues[0]?.message ?? 'is invalid'}`)
    if (idTaken(requested)) throw new StudioError('model-id-taken', `a model with id "${requested}" already exists; choose another id`)
    return requested
  }
  const base = slug(name) || 'model'
  let id = base
  for (let n = 2; idTaken(id); n++) id = `${base.slice(0, 60)}-${n}`
  return id
}

/** "My Night GAN (v2).onnx" → "my-night-gan-v2". */
function slug(text: string): string {
  const ascii = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
  return ascii.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 64).replace(/-+$/, '')
}

function sizeMultipleFromMetadata(metadata: Readonly<Record<string, string>>): number | undefined {
  const value = Number(metadata['size_multiple'])
  return Number.isInteger(value) && value >= 1 && value <= 4096 ? value : undefined
}
