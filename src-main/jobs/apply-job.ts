import type { ApplyMask, ApplyOutcome, ApplyParams } from '../../src-preload/contract'
import { decodeImage, encodeImage } from '../imaging'
import { openImage, sampleDepth } from '../imaging/open'
import { applyModel } from '../inference/apply-model'
import { maskRecord } from '../inference/mask-raster'
import type { Library } from '../library/library'
import type { ModelRegistry } from '../models'
import type { JobContext } from './job-runner'

export interface ApplyJobRequest {
  imageId: number
  modelId: string
  params: ApplyParams
  /** Limits the change to the strokes, drawn in the original's upright pixels. */
  mask?: ApplyMask
}

/**
 * Applies a model to an image's original (upright, at its full depth) and keeps the result as a new
 * lossless version: PNG, 16-bit when the original is. Progress counts tiles; a cancel stores nothing.
 */
export async function applyAsVersion(library: Library, registry: ModelRegistry, request: ApplyJobRequest, ctx: JobContext): Promise<ApplyOutcome> {
  const { imageId, modelId, params, mask } = request
  const card = registry.get(modelId)
  const original = library.versions.originalFile(imageId)
  const decodeOptions = { maxPixels: library.maxPixels }
  const { meta } = await openImage(original, decodeOptions)
  const image = await decodeImage(original, { ...decodeOptions, depth: sampleDepth(meta) })
  const result = await applyModel({
    card,
    modelPath: registry.modelPath(card.id),
    image,
    options: { ...params, mask, signal: ctx.signal, onProgress: (done, total) => ctx.progress(done, total, card.name) }
  })
  ctx.signal.throwIfAborted()
  const { width, height } = result.image
  const bytes = await encodeImage(result.image, { format: 'png' })
  const recorded = mask ? { ...params, mask: maskRecord(mask) } : params
  const version = await library.versions.add(imageId, { bytes, format: 'png', width, height, modelId, params: recorded }, ctx.signal)
  return { version, provider: result.provider, note: result.note }
}
