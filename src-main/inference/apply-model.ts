import { StudioError } from '../common/studio-error'
import type { RawImage } from '../imaging'
import type { ApplyMask } from '../../src-preload/apply-mask'
import type { ModelCard } from '../../src-preload/model-card'
import { applyLabChroma } from './apply-lab'
import { applyRgb } from './apply-rgb'
import { reduceToWorkingSize } from './apply-resize'
import { rasteriseMask } from './mask-raster'
import type { ProviderPreference } from './ort-session'

export interface ApplyOptions {
  /** Longest side the model sees. Default: the card's recommendation; for 'lab-chroma' 512 without one, for 'rgb' the full size (tiled). */
  renderSize?: number
  /** Longest side of the result: the image is reduced to it first (never enlarged). Default: the full size. */
  workingSize?: number
  /** 0..1: how far the result moves from the original towards the model's output. Default 1. */
  strength?: number
  /** Where the result may change, in the input image's pixel coordinates; everywhere when left out. Weights the strength. */
  mask?: ApplyMask
  /** Tile side for 'rgb' models; default the card's recommendation, else 512 (rounded to the size multiple). */
  tile?: number
  provider?: ProviderPreference
  /** An abort rejects with the signal's reason. */
  signal?: AbortSignal
  /** Tiles (or the one colorization pass) done so far, out of total. */
  onProgress?(done: number, total: number): void
}

export interface ApplyRequest {
  card: ModelCard
  /** The card's .onnx file (ModelRegistry.modelPath). */
  modelPath: string
  /** Upright pixels, 8- or 16-bit, 1 to 4 channels. */
  image: RawImage
  options?: ApplyOptions
}

export interface ApplyResult {
  /** RGB at the input's depth (RGBA when the input has alpha, carried over unchanged), at the working size. */
  image: RawImage
  /** The execution provider that ran the model: 'cpu' or a GPU provider. */
  provider: string
  /** What ran and which preferred providers were passed over, e.g. 'cuda: its libraries are not installed; running on CPU (8 threads)'. */
  note: string
}

/** Runs an installed model on an image by the pipeline its card names. */
export async function applyModel({ card, modelPath, image, options = {} }: ApplyRequest): Promise<ApplyResult> {
  checkOptions(options)
  if (card.input.fixedSize) {
    const { width, height } = card.input.fixedSize
    throw new StudioError('model-fixed-size', `"${card.name}" only runs at ${width}×${height}; models with a fixed input size cannot be applied to photos yet`)
  }
  options.signal?.throwIfAborted()
  const working = await reduceToWorkingSize(image, options.workingSize)
  const weights = options.mask && (await rasteriseMask(options.mask, image, working))
  options.signal?.throwIfAborted()
  const run = card.pipeline === 'lab-chroma' ? applyLabChroma : applyRgb
  return run(card, modelPath, working, options, weights)
}

function checkOptions({ renderSize, workingSize, strength, tile }: ApplyOptions): void {
  if (strength !== undefined && !(strength >= 0 && strength <= 1)) throw new StudioError('invalid-strength', `strength must be between 0 and 1, got ${strength}`)
  const sizes = { 'render size': renderSize, 'working size': workingSize, 'tile size': tile }
  for (const [what, size] of Object.entries(sizes)) {
    if (size !== undefined && !(Number.isInteger(size) && size > 0 && size <= 65_536)) {
      throw new StudioError('invalid-size', `the ${what} must be a whole number of pixels from 1 to 65536, got ${size}`)
    }
  }
}
