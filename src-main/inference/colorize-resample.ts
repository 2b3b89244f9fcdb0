/** A single-channel float image, rows top to bottom. */
export interface Plane {
  data: Float32Array
  width: number
  height: number
}

/** For each output index along one axis: the first input index it reads, how many it reads, and their weights. */
interface AxisWeights {
  first: Int32Array
  count: Int32Array
  /** `taps` slots per output index, the first `count` of them used. */
  weights: Float32Array
  taps: number
}

/**
 * Triangle-filter weights: plain bilinear when enlarging; when shrinking, the triangle widens to the scale
 * factor so every input pixel contributes (area-like averaging, no aliasing). Pixel centres sit at i + 0.5;
 * taps beyond the edge are dropped and the rest renormalised, which reads as edge replication.
 */
function axisWeights(inSize: number, outSize: number): AxisWeights {
  const scale = inSize / outSize
  const radius = Math.max(1, scale)
  const taps = 2 * Math.ceil(radius) + 1
  const first = new Int32Array(outSize)
  const count = new Int32Array(outSize)
  const weights = new Float32Array(outSize * taps)
  for (let o = 0; o < outSize; o++) {
    const centre = (o + 0.5) * scale - 0.5
    const start = Math.max(0, Math.ceil(centre - radius))
    const end = Math.min(inSize - 1, Math.floor(centre + radius))
    first[o] = start
    count[o] = end - start + 1
    let total = 0
    for (let i = start; i <= end; i++) {
      const weight = Math.max(0, 1 - Math.abs(i - centre) / radius)
      weights[o * taps + i - start] = weight
      total += weight
    }
    for (let k = 0; k < count[o]!; k++) weights[o * taps + k]! /= total
  }
  return { first, count, weights, taps }
}

/** Resizes a plane to width × height, rows first, then columns (whole rows at a time, which the cache likes). */
export function resamplePlane(source: Plane, width: number, height: number): Plane {
  const across = axisWeights(source.width, width)
  const rows = new Float32Array(width * source.height)
  for (let y = 0; y < source.height; y++) {
    const rowIn = y * source.width
    for (let x = 0; x < width; x++) {
      const from = rowIn + across.first[x]!
      let sum = 0
      for (let k = 0; k < across.count[x]!; k++) sum += source.data[from + k]! * across.weights[x * across.taps + k]!
      rows[y * width + x] = sum
    }
  }
  const down = axisWeights(source.height, height)
  const data = new Float32Array(width * height)
  for (let y = 0; y < height; y++) {
    const rowOut = data.subarray(y * width, (y + 1) * width)
    for (let k = 0; k < down.count[y]!; k++) {
      const weight = down.weights[y * down.taps + k]!
      const rowIn = (down.first[y]! + k) * width
      for (let x = 0; x < width; x++) rowOut[x]! += rows[rowIn + x]! * weight
    }
  }
  return { data, width, height }
}

/** Grows a plane to width × height by repeating its last column and row. */
export function padWithEdges(source: Plane, width: number, height: number): Plane {
  const data = new Float32Array(width * height)
  for (let y = 0; y < height; y++) {
    const start = Math.min(y, source.height - 1) * source.width
    const rowIn = source.data.subarray(start, start + source.width)
    data.set(rowIn, y * width)
    data.fill(rowIn[source.width - 1]!, y * width + source.width, (y + 1) * width)
  }
  return { data, width, height }
}

/** The top-left width × height of `data`, whose rows are `stride` values long. */
export function cropTopLeft(data: Float32Array, stride: number, width: number, height: number): Plane {
  const cropped = new Float32Array(width * height)
  for (let y = 0; y < height; y++) cropped.set(data.subarray(y * stride, y * stride + width), y * width)
  return { data: cropped, width, height }
}
