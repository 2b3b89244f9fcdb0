import { labToRgb, rgbToLab, samplesOf, type RawImage } from '../imaging'
import { cropTopLeft, padWithEdges, resamplePlane, type Plane } from './colorize-resample'

/**
 * How L and ab are scaled where they meet a colorization model, as in pytorch-CycleGAN-and-pix2pix's
 * colorization dataset: the model reads L / 50 − 1 (L 0..100 → −1..1) and writes ab / 110 (a tanh output of
 * ±1 means a, b = ±110). A model manifest names this convention by `id`.
 */
export const LAB_NORMALISATION = {
  id: 'pix2pix-lab',
  lightnessScale: 50,
  lightnessOffset: -1,
  chromaScale: 110
} as const

/**
 * Runs the model: `L` is 1×1×h×w, normalised by LAB_NORMALISATION; the result is 1×2×h×w (the a plane, then
 * the b plane), also normalised.
 */
export type ChromaPredictor = (L: Float32Array, height: number, width: number) => Promise<Float32Array>

export type ColorizeStage = 'lab' | 'predict' | 'upsample' | 'recombine'

export interface ColorizeOptions {
  /** The longest side, in pixels, the model sees; rounded to `sizeMultiple`. Larger is slower and finer. Default 512. */
  renderSize?: number
  /** Height and width the model accepts are multiples of this (2^depth for a U-Net). Default 16. */
  sizeMultiple?: number
  /** 0..1: how far the chroma moves from the photo's own towards the predicted. Default 1. */
  strength?: number
  /** width × height weights 0..1 (feathered by the caller) limiting where the chroma changes; 1 everywhere if left out. */
  mask?: Float32Array
  signal?: AbortSignal
  /** Told how long each stage took, in milliseconds. */
  onStage?: (stage: ColorizeStage, milliseconds: number) => void
}

export const DEFAULT_RENDER_SIZE = 512
export const DEFAULT_SIZE_MULTIPLE = 16

/**
 * Colorizes like DeOldify and Zhang et al.: the photo goes to L*a*b*, the model predicts ab from L shrunk to the
 * render size (aspect kept, edges padded to the size multiple, the padding cropped off again), the chroma is
 * enlarged bilinearly to full size, blended with the photo's own by strength and mask, and joined to the photo's
 * own full-resolution L, which is never changed (chroma out of sRGB's gamut is reduced instead). The model sees
 * lightness only, so a tinted (sepia) photo colorizes exactly like its neutral grey version; where strength or
 * mask is below 1 the original tint is kept in proportion. Output has the input's size and depth, 3 channels,
 * 4 when the input has alpha, which is carried over unchanged. Aborting rejects with the signal's reason.
 */
export async function colorize(image: RawImage, predict: ChromaPredictor, options: ColorizeOptions = {}): Promise<RawImage> {
  const { strength = 1, mask, signal } = options
  if (!(strength >= 0 && strength <= 1)) throw new RangeError(`strength must be between 0 and 1, got ${strength}`)
  if (mask && mask.length !== image.width * image.height) throw new RangeError(`mask holds ${mask.length} values; the image has ${image.width}×${image.height}`)
  signal?.throwIfAborted()
  const stage = stageClock(options.onStage)

  const lab = rgbToLab(image)
  const full = { width: lab.width, height: lab.height }
  const render = renderGeometry(full.width, full.height, options.renderSize ?? DEFAULT_RENDER_SIZE, options.sizeMultiple ?? DEFAULT_SIZE_MULTIPLE)
  const modelInput = normalisedLightness(lab.L, full, render)
  stage('lab')

  signal?.throwIfAborted()
  const prediction = await predict(modelInput, render.paddedHeight, render.paddedWidth)
  signal?.throwIfAborted()
  const planeSize = render.paddedWidth * render.paddedHeight
  if (prediction.length !== 2 * planeSize) throw new Error(`the model returned ${prediction.length} values; 2×${render.paddedHeight}×${render.paddedWidth} expected`)
  stage('predict')

  const a = fullSizeChroma(prediction.subarray(0, planeSize), render, full)
  const b = fullSizeChroma(prediction.subarray(planeSize), render, full)
  stage('upsample')

  blendTowards(a, lab.a, strength, mask)
  blendTowards(b, lab.b, strength, mask)
  const rgb = labToRgb(lab.L, a, b, full.width, full.height, image.depth)
  const result = image.channels % 2 === 0 ? withAlphaOf(rgb, image) : rgb
  stage('recombine')
  return result
}

interface RenderGeometry {
  width: number
  height: number
  paddedWidth: number
  paddedHeight: number
}

/** The photo scaled so its longest side is the render size (up or down, like the references), then padded. */
function renderGeometry(width: number, height: number, renderSize: number, multiple: number): RenderGeometry {
  if (!Number.isInteger(multiple) || multiple < 1) throw new RangeError(`sizeMultiple must be a positive integer, got ${multiple}`)
  if (!(renderSize > 0 && Number.isFinite(renderSize))) throw new RangeError(`renderSize must be a positive number, got ${renderSize}`)
  const longest = Math.max(multiple, Math.round(renderSize / multiple) * multiple)
  const scale = longest / Math.max(width, height)
  const scaledWidth = Math.max(1, Math.round(width * scale))
  const scaledHeight = Math.max(1, Math.round(height * scale))
  const padTo = (size: number) => Math.ceil(size / multiple) * multiple
  return { width: scaledWidth, height: scaledHeight, paddedWidth: padTo(scaledWidth), paddedHeight: padTo(scaledHeight) }
}

function normalisedLightness(L: Float32Array, full: { width: number; height: number }, render: RenderGeometry): Float32Array {
  const small = resamplePlane({ data: L, ...full }, render.width, render.height)
  const { data } = padWithEdges(small, render.paddedWidth, render.paddedHeight)
  const { lightnessScale, lightnessOffset } = LAB_NORMALISATION
  for (let i = 0; i < data.length; i++) data[i] = data[i]! / lightnessScale + lightnessOffset
  return data
}

/** One predicted plane: padding cropped off, enlarged to full size, scaled back to a or b units. */
function fullSizeChroma(predicted: Float32Array, render: RenderGeometry, full: { width: number; height: number }): Float32Array {
  const cropped: Plane = cropTopLeft(predicted, render.paddedWidth, render.width, render.height)
  const { data } = resamplePlane(cropped, full.width, full.height)
  for (let i = 0; i < data.length; i++) data[i]! *= LAB_NORMALISATION.chromaScale
  return data
}

/** predicted ← original + (predicted − original) · strength · mask, in place. */
function blendTowards(predicted: Float32Array, original: Float32Array, strength: number, mask: Float32Array | undefined): void {
  for (let i = 0; i < predicted.length; i++) {
    const weight = mask ? strength * Math.min(Math.max(mask[i]!, 0), 1) : strength
    predicted[i] = original[i]! + (predicted[i]! - original[i]!) * weight
  }
}

/** `rgb` with the alpha channel (last of 2 or 4) of `source` appended to each pixel. */
function withAlphaOf(rgb: RawImage, source: RawImage): RawImage {
  const colour = samplesOf(rgb)
  const original = samplesOf(source)
  const pixels = rgb.width * rgb.height
  const out = rgb.depth === 8 ? new Uint8Array(pixels * 4) : new Uint16Array(pixels * 4)
  for (let i = 0; i < pixels; i++) {
    out[i * 4] = colour[i * 3]!
    out[i * 4 + 1] = colour[i * 3 + 1]!
    out[i * 4 + 2] = colour[i * 3 + 2]!
    out[i * 4 + 3] = original[i * source.channels + source.channels - 1]!
  }
  return { ...rgb, data: Buffer.from(out.buffer, out.byteOffset, out.byteLength), channels: 4 }
}

function stageClock(onStage: ColorizeOptions['onStage']): (stage: ColorizeStage) => void {
  let last = performance.now()
  return (stage) => {
    const now = performance.now()
    onStage?.(stage, now - last)
    last = now
  }
}
