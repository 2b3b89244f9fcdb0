import { createHash } from 'node:crypto'
import { copyFile, readFile, rm, stat } from 'node:fs/promises'
import { moveIntoPlace, syncPath, tempSiblingPath } from '../common/atomic-write'
import { StudioError } from '../common/studio-error'
import { loadBuiltInModels } from './built-in-models'
import { describeIssues, type InstalledModel, type Warn } from './card-files'
import { importedCard, type ImportOptions } from './imported-card'
import { ModelCard } from '../../src-preload/model-card'
import { ModelStore } from './model-store'
import { inspectOnnx } from './validate-onnx'

export interface ModelRegistryOptions {
  /** `<repo>/models/manifest.json`: the built-in models. */
  manifestPath: string
  /** `<libraryRoot>/models/`: trained and imported models. */
  storeDir: string
  /** Where skipped cards and missing files are reported; console.warn by default. */
  warn?: Warn
}

export interface ImportResult {
  card: ModelCard
  /** True when the same bytes were already installed: `card` is the existing one and nothing was written. */
  duplicate: boolean
}

/** What a trained model's card says beyond what its file does. */
export type TrainedProvenance = Pick<ModelCard, 'licence' | 'credits' | 'notes' | 'training'>

/** Protobuf's own limit; larger models keep their weights in external data, which import refuses. */
const MAX_MODEL_BYTES = 2 ** 31 - 1

/** Every model the studio can run: built-ins first, then the library's trained and imported ones by id. */
export class ModelRegistry {
  private readonly models = new Map<string, InstalledModel>()
  private queue: Promise<unknown> = Promise.resolve()

  private constructor(private readonly store: ModelStore) {}

  static async open({ manifestPath, storeDir, warn = console.warn }: ModelRegistryOptions): Promise<ModelRegistry> {
    const builtIns = await loadBuiltInModels(manifestPath, warn)
    const { store, models } = await ModelStore.open(storeDir, warn)
    const registry = new ModelRegistry(store)
    for (const model of [...builtIns, ...models]) {
      const clash = registry.models.get(model.card.id)
      if (clash) warn(`skipped model "${model.card.id}" at ${model.path}: ${clash.path} already has that id`)
      else registry.models.set(model.card.id, model)
    }
    return registry
  }

  list(): ModelCard[] {
    return [...this.models.values()].map((model) => model.card)
  }

  get(id: string): ModelCard {
    return this.installed(id).card
  }

  /** The absolute path of the model's .onnx, for inference. */
  modelPath(id: string): string {
    return this.installed(id).path
  }

  /**
   * Validates the file (see inspectOnnx), then copies it into the library's model store with a new card.
   * The same bytes imported again give back the existing card. Imports and removals run one at a time.
   */
  importModel(sourcePath: string, options: ImportOptions = {}): Promise<ImportResult> {
    return this.install(sourcePath, options, (card) => card)
  }

  /** A generator trained in the studio: checked like an import, its card marked 'trained' with its training record and credits. */
  addTrained(sourcePath: string, options: ImportOptions, provenance: TrainedProvenance): Promise<ImportResult> {
    return this.install(sourcePath, options, (card) => ({ ...card, ...provenance, source: 'trained' }))
  }

  private install(sourcePath: string, options: ImportOptions, finish: (card: ModelCard) => ModelCard): Promise<ImportResult> {
    return this.serially(async () => {
      const bytes = await readModelFile(sourcePath)
      const sha256 = createHash('sha256').update(bytes).digest('hex')
      const existing = [...this.models.values()].find((model) => model.card.sha256 === sha256)
      if (existing) return { card: existing.card, duplicate: true }
      const inspection = await inspectOnnx(bytes, { pipeline: options.pipeline })
      const card = checkedCard(finish(importedCard(inspection, { path: sourcePath, sha256 }, options, (id) => this.models.has(id))))
      const model = await this.store.add(bytes, card)
      this.models.set(card.id, model)
      return { card, duplicate: false }
    })
  }

  /** Deletes a trained or imported model's card and file; built-ins cannot be removed. */
  remove(id: string): Promise<void> {
    return this.serially(async () => {
      const { card } = this.installed(id)
      if (card.source === 'built-in') throw new StudioError('model-built-in', `"${card.name}" is built into GAN Studio and cannot be removed`)
      await this.store.remove(card.sha256)
      this.models.delete(id)
    })
  }

  /** Copies the model's .onnx to `targetPath`, replacing it at once: never a half-written file there. */
  async exportModel(id: string, targetPath: string): Promise<void> {
    const source = this.installed(id).path
    const temp = tempSiblingPath(targetPath)
    try {
      await copyFile(source, temp)
      await syncPath(temp)
    } catch (err) {
      await rm(temp, { force: true })
      throw err
    }
    await moveIntoPlace(temp, targetPath)
  }

  private installed(id: string): InstalledModel {
    const model = this.models.get(id)
    if (!model) throw new StudioError('not-found', `No model "${id}" is installed; it may have been removed.`)
    return model
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work)
    this.queue = run.catch(() => undefined)
    return run
  }
}

async function readModelFile(path: string): Promise<Buffer> {
  const info = await stat(path).catch(() => undefined)
  if (!info?.isFile()) throw new StudioError('not-found', `There is no model file at ${path}.`)
  if (info.size > MAX_MODEL_BYTES) throw new StudioError('model-too-large', `${path} is over 2 GiB, more than one ONNX file can hold`)
  return readFile(path)
}

/** The options end up in the card: one the schema refuses (a size multiple of 0, say) is the caller's mistake. */
function checkedCard(card: ModelCard): ModelCard {
  const parsed = ModelCard.safeParse(card)
  if (!parsed.success) throw new StudioError('invalid-request', `cannot import the model with these options: ${describeIssues(parsed.error)}`)
  return parsed.data
}
