import { mkdir, readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { writeFileAtomic } from '../common/atomic-write'
import { parseCard, readJson, type InstalledModel, type Warn } from './card-files'
import type { ModelCard } from '../../src-preload/model-card'

const STORED_FILE = /^([0-9a-f]{64})\.(onnx|json)$/
const TEMP_FILE = /^\..*\.tmp$/

/**
 * Trained and imported models in the library, `<libraryRoot>/models/`: `<sha256>.onnx` and its card `<sha256>.json`.
 * The .onnx is written before its card and the card deleted before its .onnx, so a card always has its file;
 * a crash in between leaves an .onnx without a card, which the next open sweeps.
 */
export class ModelStore {
  private constructor(readonly dir: string) {}

  /** Creates the folder if needed, sweeps what a crash left (temp files, an .onnx without a card, a card without an .onnx) and reads the cards. */
  static async open(dir: string, warn: Warn): Promise<{ store: ModelStore; models: InstalledModel[] }> {
    await mkdir(dir, { recursive: true })
    const store = new ModelStore(dir)
    await store.sweepOrphans()
    return { store, models: await store.readCards(warn) }
  }

  onnxPath(sha256: string): string {
    return join(this.dir, `${sha256}.onnx`)
  }

  /** Writes the model's bytes, then its card; each lands whole or not at all. */
  async add(bytes: Uint8Array, card: ModelCard): Promise<InstalledModel> {
    const path = this.onnxPath(card.sha256)
    await writeFileAtomic(path, bytes)
    await writeFileAtomic(this.cardPath(card.sha256), Buffer.from(`${JSON.stringify(card, null, 2)}\n`))
    return { card, path }
  }

  async remove(sha256: string): Promise<void> {
    await rm(this.cardPath(sha256), { force: true })
    await rm(this.onnxPath(sha256), { force: true })
  }

  private cardPath(sha256: string): string {
    return join(this.dir, `${sha256}.json`)
  }

  /** Leaves files it does not recognise alone: the folder is the user's, not only ours. */
  private async sweepOrphans(): Promise<void> {
    const names = await readdir(this.dir)
    const present = new Set(names)
    for (const name of names) {
      const stored = STORED_FILE.exec(name)
      const partner = stored && `${stored[1]}.${stored[2] === 'onnx' ? 'json' : 'onnx'}`
      if (TEMP_FILE.test(name) || (partner && !present.has(partner))) await rm(join(this.dir, name), { force: true })
    }
  }

  /** Cards that fail the schema, or do not match their file name, are skipped with a warning and kept on disk. */
  private async readCards(warn: Warn): Promise<InstalledModel[]> {
    const models: InstalledModel[] = []
    const names = (await readdir(this.dir)).sort()
    for (const name of names) {
      const stored = STORED_FILE.exec(name)
      if (!stored || stored[2] !== 'json') continue
      const [, sha256 = ''] = stored
      const where = join(this.dir, name)
      const json = await readJson(where, warn)
      const card = json === undefined ? undefined : parseCard(json, where, warn)
      if (!card) continue
      if (card.sha256 !== sha256 || card.file !== `${sha256}.onnx`) warn(`skipped model card ${where}: its sha256 and file must match its name`)
      else if (card.source === 'built-in') warn(`skipped model card ${where}: a library model cannot be "built-in"`)
      else models.push({ card, path: this.onnxPath(sha256) })
    }
    return models
  }
}
