import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describeIssues, parseCard, readJson, type InstalledModel, type Warn } from './card-files'
import { Manifest } from '../../src-preload/model-card'

/**
 * The models shipped in `<repo>/models/`, described by `manifest.json` there. A missing or malformed manifest,
 * an invalid card, a card not marked built-in and a card whose file is missing are each skipped with a warning:
 * the studio still starts and the user's own models still work.
 */
export async function loadBuiltInModels(manifestPath: string, warn: Warn): Promise<InstalledModel[]> {
  if (!existsSync(manifestPath)) {
    warn(`no built-in models: ${manifestPath} does not exist`)
    return []
  }
  const json = await readJson(manifestPath, warn)
  if (json === undefined) return []
  const manifest = Manifest.safeParse(json)
  if (!manifest.success) {
    warn(`no built-in models: ${manifestPath} is malformed: ${describeIssues(manifest.error)}`)
    return []
  }
  const models: InstalledModel[] = []
  manifest.data.models.forEach((value, index) => {
    const where = `${manifestPath} models[${index}]`
    const card = parseCard(value, where, warn)
    if (!card) return
    const path = join(dirname(manifestPath), card.file)
    if (card.source !== 'built-in') warn(`skipped model card ${where}: source must be "built-in" in the manifest (got "${card.source}")`)
    else if (!existsSync(path)) warn(`skipped model card ${where}: its file ${path} is missing`)
    else models.push({ card, path })
  })
  return models
}
