import { stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import { StudioError } from '../common/studio-error'
import { decodeImage, writeImage, type OutputFormat } from '../imaging'
import { openImage, sampleDepth } from '../imaging/open'
import type { ModelRegistry } from '../models'
import { applyModel, type ApplyOptions } from './apply-model'

export interface ConvertRequest {
  modelId: string
  inputPath: string
  outputPath: string
  format: OutputFormat
  /** jpeg and webp only. */
  quality?: number
  options?: ApplyOptions
}

export interface ConvertResult {
  width: number
  height: number
  provider: string
  note: string
  milliseconds: number
}

/**
 * Applies an installed model to an image file and writes the result atomically, with the original's EXIF and
 * XMP (orientation reset: the pixels are upright). The input is never overwritten; 16-bit stays 16-bit where
 * the format holds it.
 */
export async function convertFile(registry: ModelRegistry, request: ConvertRequest): Promise<ConvertResult> {
  const started = performance.now()
  const card = registry.get(request.modelId)
  if (await sameFile(request.inputPath, request.outputPath)) {
    throw new StudioError('output-is-input', `the output ${request.outputPath} is the input itself; choose another file so the original is kept`)
  }
  const { meta } = await openImage(request.inputPath)
  const image = await decodeImage(request.inputPath, { depth: sampleDepth(meta) })
  const result = await applyModel({ card, modelPath: registry.modelPath(card.id), image, options: request.options })
  request.options?.signal?.throwIfAborted()
  await writeImage(request.outputPath, result.image, { format: request.format, quality: request.quality, metadataFrom: request.inputPath })
  const { width, height } = result.image
  return { width, height, provider: result.provider, note: result.note, milliseconds: performance.now() - started }
}

/** Same path, or (where the output exists) the same file under another name: a link, or another case on a case-insensitive disk. */
async function sameFile(a: string, b: string): Promise<boolean> {
  if (resolve(a) === resolve(b)) return true
  const [first, second] = await Promise.all([stat(a).catch(() => undefined), stat(b).catch(() => undefined)])
  return !!first && !!second && first.dev === second.dev && first.ino === second.ino
}
