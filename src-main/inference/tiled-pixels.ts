/** Planar float images (C×H×W, channel after channel): reflect-padded crops and resampling. */

/** Index `i` mirrored into [0, n) without repeating the edge pixel, as ONNX Pad 'reflect' does. */
export function reflectIndex(i: number, n: number): number {
  if (n === 1) return 0
  const period = 2 * (n - 1)
  const m = ((i % period) + period) % period
  return m < n ? m : period - m
}

/** Copies rows [top, top+height) × columns [left, left+width) of `image` into `target`, mirroring past its edges. */
export function cropReflected(
  image: Float32Array,
  [channels, imageHeight, imageWidth]: readonly [number, number, number],
  [top, left, height, width]: readonly [number, number, number, number],
  target = new Float32Array(channels * height * width)
): Float32Array {
  const columns = Int32Array.from({ length: width }, (_, x) => reflectIndex(left + x, imageWidth))
  for (let c = 0; c < channels; c++) {
    for (let y = 0; y < height; y++) {
      const source = (c * imageHeight + reflectIndex(top + y, imageHeight)) * imageWidth
      const row = (c * height + y) * width
      if (left + width <= imageWidth) target.set(image.subarray(source + left, source + left + width), row)
      else for (let x = 0; x < width; x++) target[row + x] = image[source + columns[x]!]!
    }
  }
  return target
}

/** [height, width] scaled down, keeping the aspect ratio, so the longer side is at most `limit`. */
export function fitLongestSide(height: number, width: number, limit: number): [number, number] {
  const scale = Math.min(1, limit / Math.max(height, width))
  return [Math.max(1, Math.round(height * scale)), Math.max(1, Math.round(width * scale))]
}

/**
 * Resamples a planar image with a separable triangle filter, widened when shrinking so every source pixel
 * counts (bilinear when enlarging, area-like when reducing).
 */
export function resizePlanar(
  image: Float32Array,
  [channels, height, width]: readonly [number, number, number],
  [outHeight, outWidth]: readonly [number, number]
): Float32Array {
  const horizontal = filterTaps(width, outWidth)
  const vertical = filterTaps(height, outHeight)
  const wide = new Float32Array(channels * height * outWidth)
  for (let row = 0; row < channels * height; row++) {
    for (let x = 0; x < outWidth; x++) wide[row * outWidth + x] = horizontal.apply(x, (i) => image[row * width + i]!)
  }
  const out = new Float32Array(channels * outHeight * outWidth)
  for (let c = 0; c < channels; c++) {
    for (let y = 0; y < outHeight; y++) {
      for (let x = 0; x < outWidth; x++) {
        out[(c * outHeight + y) * outWidth + x] = vertical.apply(y, (i) => wide[(c * height + i) * outWidth + x]!)
      }
    }
  }
  return out
}

interface FilterTaps {
  apply(output: number, read: (input: number) => number): number
}

function filterTaps(inSize: number, outSize: number): FilterTaps {
  const scale = inSize / outSize
  const radius = Math.max(1, scale)
  const firsts = new Int32Array(outSize)
  const weights: Float32Array[] = []
  for (let o = 0; o < outSize; o++) {
    const centre = (o + 0.5) * scale - 0.5
    const first = Math.ceil(centre - radius)
    const taps = Float32Array.from({ length: Math.floor(centre + radius) - first + 1 }, (_, k) => Math.max(0, 1 - Math.abs(first + k - centre) / radius))
    const total = taps.reduce((a, b) => a + b, 0)
    firsts[o] = first
    weights.push(taps.map((w) => w / total))
  }
  return {
    apply(output, read) {
      const taps = weights[output]!
      const first = firsts[output]!
      let sum = 0
      for (let k = 0; k < taps.length; k++) sum += taps[k]! * read(Math.min(inSize - 1, Math.max(0, first + k)))
      return sum
    }
  }
}
