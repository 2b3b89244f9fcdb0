import { rgbToLab } from '../../imaging'
import { LAB_NORMALISATION } from '../../inference/colorize'
import type { RgbPixels } from './training-image'

/** Where a crop is cut from a loaded image, and whether it is mirrored. */
export interface Crop {
  x: number
  y: number
  size: number
  flip: boolean
}

function cropRgb(image: RgbPixels, { x, y, size, flip }: Crop): Uint8Array {
  const out = new Uint8Array(size * size * 3)
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      const source = ((y + row) * image.width + x + (flip ? size - 1 - col : col)) * 3
      const target = (row * size + col) * 3
      out[target] = image.data[source]!
      out[target + 1] = image.data[source + 1]!
      out[target + 2] = image.data[source + 2]!
    }
  }
  return out
}

/** The crop as the generators read RGB: NHWC, [0, 255] → [−1, 1] (the models' 'tanh' normalisation). */
export function rgbTensor(image: RgbPixels, crop: Crop): Float32Array {
  const pixels = cropRgb(image, crop)
  const out = new Float32Array(pixels.length)
  for (let i = 0; i < pixels.length; i++) out[i] = pixels[i]! / 127.5 - 1
  return out
}

/**
 * The crop as a colorizer reads and writes it (LAB_NORMALISATION, as inference does): `L` one channel,
 * `ab` two channels interleaved.
 */
export function labTensors(image: RgbPixels, crop: Crop): { L: Float32Array; ab: Float32Array } {
  const lab = rgbToLab({ data: Buffer.from(cropRgb(image, crop).buffer), width: crop.size, height: crop.size, channels: 3, depth: 8 })
  const pixels = crop.size * crop.size
  const { lightnessScale, lightnessOffset, chromaScale } = LAB_NORMALISATION
  const L = new Float32Array(pixels)
  const ab = new Float32Array(pixels * 2)
  for (let i = 0; i < pixels; i++) {
    L[i] = lab.L[i]! / lightnessScale + lightnessOffset
    ab[i * 2] = lab.a[i]! / chromaScale
    ab[i * 2 + 1] = lab.b[i]! / chromaScale
  }
  return { L, ab }
}
