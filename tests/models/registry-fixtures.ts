import { createHash } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ModelCard } from '../../src-preload/model-card'
import { ModelRegistry } from '../../src-main/models/registry'
import { tempDir } from '../helpers/temp-dir'

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex')

/** A valid built-in card for `bytes` stored at `file`. */
export function builtInCard(id: string, bytes: Uint8Array, file: string): ModelCard {
  return {
    id,
    name: `Built-in ${id}`,
    task: 'style',
    pipeline: 'rgb',
    input: { name: 'input', channels: 3, colourSpace: 'rgb', normalisation: 'tanh' },
    output: { name: 'output', channels: 3, colourSpace: 'rgb', normalisation: { scale: 2, offset: -1 } },
    sizeMultiple: 4,
    recommended: { renderSize: 512, workingSize: 1024, tile: 512 },
    file,
    sha256: sha256(bytes),
    opset: 17,
    licence: 'CC-BY-SA-4.0',
    credits: [{ work: 'photos/color/forensics--IMG-20191006-WA0002.jpg', licence: 'CC-BY-SA-4.0', attribution: '2019-2020 Joao Eriberto Mota Filho', source: 'forensics-samples-files 1.1.4-5' }],
    source: 'built-in',
    createdAt: '2025-01-01T00:00:00.000Z',
    training: { epochs: 5, dataset: 'photos/day' }
  }
}

/** A folder standing in for `<repo>/models/`, holding `files` and a manifest listing `cards` (written as given). */
export function builtInFolder(cards: unknown[], files: Record<string, Uint8Array> = {}): string {
  const dir = tempDir('gan-studio-builtins-')
  for (const [file, bytes] of Object.entries(files)) {
    mkdirSync(join(dir, file, '..'), { recursive: true })
    writeFileSync(join(dir, file), bytes)
  }
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ models: cards }))
  return join(dir, 'manifest.json')
}

/** A registry over an empty built-in manifest (unless given) and a fresh store; warnings are collected. */
export async function openRegistry(o: { manifestPath?: string; storeDir?: string } = {}): Promise<{ registry: ModelRegistry; warnings: string[]; storeDir: string }> {
  const warnings: string[] = []
  const storeDir = o.storeDir ?? join(tempDir('gan-studio-library-'), 'models')
  const manifestPath = o.manifestPath ?? builtInFolder([])
  const registry = await ModelRegistry.open({ manifestPath, storeDir, warn: (message) => warnings.push(message) })
  return { registry, warnings, storeDir }
}

/** Writes `bytes` under a fresh temp folder as `name` and returns the path. */
export function modelFile(bytes: Uint8Array, name = 'model.onnx'): string {
  const path = join(tempDir('gan-studio-source-'), name)
  writeFileSync(path, bytes)
  return path
}
