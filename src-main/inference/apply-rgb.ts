import { samplesOf, type RawImage } from '../imaging'
import { linearNormalisation } from '../models/normalisation'
import type { LinearNormalisation, ModelCard } from '../../src-preload/model-card'
import type { ApplyOptions, ApplyResult } from './apply-model'
import { openSession } from './ort-session'
import { roundUp } from './tiled-layout'
import { runTiled } from './tiled-runner'

const DEFAULT_TILE = 512
/** Overlap as a share of the tile: 64 px at 512, enough context for a ResNet-9's receptive field once feathered. */
const OVERLAP_SHARE = 1 / 8

/**
 * Runs an 'rgb' model over the image in feathered tiles (see runTiled). Grey becomes RGB; alpha is carried over
 * unchanged; the output is clamped to the gamut, blended with the original by strength (times `mask`, one weight
 * 0..1 per pixel, where given) and kept at the input's depth.
 */
export async function applyRgb(card: ModelCard, modelPath: string, image: RawImage, options: ApplyOptions, mask?: Float32Array): Promise<ApplyResult> {
  // runTiled opens its own (cached) sessions but does not say where they run; this one names the provider.
  const { provider, note } = await openSession(modelPath, options.provider)
  const { width, height } = image
  const multiple = card.sizeMultiple
  const tile = roundUp(options.tile ?? card.recommended.tile ?? DEFAULT_TILE, multiple)
  const overlap = Math.min(roundUp(tile * OVERLAP_SHARE, multiple), Math.floor(tile / 2 / multiple) * multiple)
  const output = await runTiled(toPlanar(image, linearNormalisation(card.input.normalisation, 'rgb')), height, width, modelPath, {
    tile,
    overlap,
    sizeMultiple: multiple,
    workingSize: options.renderSize ?? card.recommended.renderSize,
    provider: options.provider,
    signal: options.signal,
    onProgress: options.onProgress
  })
  if (output.length !== 3 * width * height) throw new Error(`the model returned ${output.length / (width * height)} channels; 3 expected`)
  const result = fromPlanar(output, image, linearNormalisation(card.output.normalisation, 'rgb'), options.strength ?? 1, mask)
  return { image: result, provider, note }
}

/** Planar RGB (grey repeated into all three), samples scaled to 0..1 and normalised for the model. */
function toPlanar(image: RawImage, { scale, offset }: LinearNormalisation): Float32Array {
  const samples = samplesOf(image)
  const pixels = image.width * image.height
  const colours = image.channels >= 3 ? 3 : 1
  const toModel = scale / (image.depth === 8 ? 255 : 65535)
  const planar = new Float32Array(3 * pixels)
  for (let c = 0; c < 3; c++) {
    const source = Math.min(c, colours - 1)
    const plane = planar.subarray(c * pixels, (c + 1) * pixels)
    for (let i = 0, s = source; i < pixels; i++, s += image.channels) plane[i] = samples[s]! * toModel + offset
  }
  return planar
}

/** Interleaved RGB(A) at the source's depth: the model's output un-normalised, clamped, and blended with the source by strength · mask. */
function fromPlanar(planar: Float32Array, source: RawImage, { scale, offset }: LinearNormalisation, strength: number, mask: Float32Array | undefined): RawImage {
  const samples = samplesOf(source)
  const pixels = source.width * source.height
  const max = source.depth === 8 ? 255 : 65535
  const alpha = source.channels % 2 === 0
  const channels = alpha ? 4 : 3
  const colours = source.channels >= 3 ? 3 : 1
  const out = source.depth === 8 ? new Uint8Array(pixels * channels) : new Uint16Array(pixels * channels)
  for (let c = 0; c < 3; c++) {
    const plane = planar.subarray(c * pixels, (c + 1) * pixels)
    const sourceChannel = Math.min(c, colours - 1)
    for (let i = 0; i < pixels; i++) {
      const original = samples[i * source.channels + sourceChannel]!
      const predicted = Math.min(Math.max((plane[i]! - offset) / scale, 0), 1) * max
      const weight = mask ? strength * mask[i]! : strength
      out[i * channels + c] = Math.round(original + (predicted - original) * weight)
    }
  }
  if (alpha) for (let i = 0; i < pixels; i++) out[i * 4 + 3] = samples[i * source.channels + source.channels - 1]!
  return { data: Buffer.from(out.buffer, out.byteOffset, out.byteLength), width: source.width, height: source.height, channels, depth: source.depth }
}
