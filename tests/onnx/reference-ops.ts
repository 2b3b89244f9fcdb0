/**
 * Straightforward NCHW float reference computations, written from the ONNX operator definitions,
 * to check what onnxruntime computes for the builder's graphs.
 */
export interface Nchw {
  data: Float32Array
  dims: [n: number, c: number, h: number, w: number]
}

const zeros = (dims: Nchw['dims']): Nchw => ({ data: new Float32Array(dims[0] * dims[1] * dims[2] * dims[3]), dims })
const at = ({ dims: [, c, h, w] }: Nchw, n: number, ch: number, y: number, x: number): number => ((n * c + ch) * h + y) * w + x

/** weight [out, in, k, k]; pads [top, left, bottom, right]; zero padding. */
export function conv2d(x: Nchw, weight: Float32Array, bias: Float32Array | undefined, outChannels: number, kernel: number, stride: number, pads: readonly number[]): Nchw {
  const [n, c, h, w] = x.dims
  const [top = 0, left = 0, bottom = 0, right = 0] = pads
  const out = zeros([n, outChannels, Math.floor((h + top + bottom - kernel) / stride) + 1, Math.floor((w + left + right - kernel) / stride) + 1])
  const [, , oh, ow] = out.dims
  for (let b = 0; b < n; b++) for (let o = 0; o < outChannels; o++) for (let oy = 0; oy < oh; oy++) for (let ox = 0; ox < ow; ox++) {
    let sum = bias?.[o] ?? 0
    for (let i = 0; i < c; i++) for (let ky = 0; ky < kernel; ky++) for (let kx = 0; kx < kernel; kx++) {
      const y = oy * stride + ky - top
      const xx = ox * stride + kx - left
      if (y >= 0 && y < h && xx >= 0 && xx < w) sum += x.data[at(x, b, i, y, xx)]! * weight[((o * c + i) * kernel + ky) * kernel + kx]!
    }
    out.data[at(out, b, o, oy, ox)] = sum
  }
  return out
}

/**
 * weight [in, out, k, k]; pads [top, left, bottom, right]. Scatters every input pixel through the kernel, then
 * crops top/left from the start; the size drops bottom/right and gains outputPad at the end.
 */
export function convTranspose2d(x: Nchw, weight: Float32Array, bias: Float32Array | undefined, outChannels: number, kernel: number, stride: number, pads: readonly number[], outputPad: number): Nchw {
  const [n, c, h, w] = x.dims
  const [top = 0, left = 0, bottom = 0, right = 0] = pads
  const size = (s: number, padding: number): number => (s - 1) * stride + kernel - padding + outputPad
  const out = zeros([n, outChannels, size(h, top + bottom), size(w, left + right)])
  const [, , oh, ow] = out.dims
  for (let b = 0; b < n; b++) for (let o = 0; o < outChannels; o++) {
    for (let oy = 0; oy < oh; oy++) for (let ox = 0; ox < ow; ox++) out.data[at(out, b, o, oy, ox)] = bias?.[o] ?? 0
    for (let i = 0; i < c; i++) for (let y = 0; y < h; y++) for (let xx = 0; xx < w; xx++) {
      for (let ky = 0; ky < kernel; ky++) for (let kx = 0; kx < kernel; kx++) {
        const oy = y * stride + ky - top
        const ox = xx * stride + kx - left
        if (oy >= 0 && oy < oh && ox >= 0 && ox < ow) {
          out.data[at(out, b, o, oy, ox)]! += x.data[at(x, b, i, y, xx)]! * weight[((i * outChannels + o) * kernel + ky) * kernel + kx]!
        }
      }
    }
  }
  return out
}

/** pads [top, left, bottom, right]; 'reflect' mirrors about the edge pixel without repeating it. */
export function pad2d(x: Nchw, pads: readonly number[], mode: 'reflect' | 'constant', value = 0): Nchw {
  const [n, c, h, w] = x.dims
  const [top = 0, left = 0, bottom = 0, right = 0] = pads
  const out = zeros([n, c, h + top + bottom, w + left + right])
  const reflect = (i: number, size: number): number => (i < 0 ? -i : i >= size ? 2 * (size - 1) - i : i)
  for (let b = 0; b < n; b++) for (let ch = 0; ch < c; ch++) for (let oy = 0; oy < out.dims[2]; oy++) for (let ox = 0; ox < out.dims[3]; ox++) {
    const y = oy - top
    const xx = ox - left
    const inside = y >= 0 && y < h && xx >= 0 && xx < w
    out.data[at(out, b, ch, oy, ox)] =
      mode === 'reflect' ? x.data[at(x, b, ch, reflect(y, h), reflect(xx, w))]! : inside ? x.data[at(x, b, ch, y, xx)]! : value
  }
  return out
}

/** Per sample and channel: (x − mean) / sqrt(biased variance + epsilon) · scale + bias. */
export function instanceNorm(x: Nchw, scale: Float32Array, bias: Float32Array, epsilon: number): Nchw {
  const [n, c, h, w] = x.dims
  const out = zeros(x.dims)
  const plane = h * w
  for (let b = 0; b < n; b++) for (let ch = 0; ch < c; ch++) {
    const start = at(x, b, ch, 0, 0)
    const values = x.data.subarray(start, start + plane)
    const mean = values.reduce((s, v) => s + v, 0) / plane
    const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / plane
    values.forEach((v, i) => (out.data[start + i] = ((v - mean) / Math.sqrt(variance + epsilon)) * scale[ch]! + bias[ch]!))
  }
  return out
}

/**
 * ONNX Resize by an integer scale. Output pixel o maps to input coordinate o/scale ('asymmetric') or
 * (o + 0.5)/scale − 0.5 ('half_pixel'); nearest takes the floor, linear clamps to the image and interpolates.
 */
export function resize2d(x: Nchw, scale: number, mode: 'nearest' | 'linear', coordinates: 'asymmetric' | 'half_pixel'): Nchw {
  const [n, c, h, w] = x.dims
  const out = zeros([n, c, h * scale, w * scale])
  const source = (o: number, size: number): number => {
    const coordinate = coordinates === 'asymmetric' ? o / scale : (o + 0.5) / scale - 0.5
    return Math.min(Math.max(mode === 'nearest' ? Math.floor(coordinate) : coordinate, 0), size - 1)
  }
  for (let b = 0; b < n; b++) for (let ch = 0; ch < c; ch++) for (let oy = 0; oy < h * scale; oy++) for (let ox = 0; ox < w * scale; ox++) {
    const y = source(oy, h)
    const xx = source(ox, w)
    const y0 = Math.floor(y)
    const x0 = Math.floor(xx)
    const y1 = Math.min(y0 + 1, h - 1)
    const x1 = Math.min(x0 + 1, w - 1)
    const [fy, fx] = [y - y0, xx - x0]
    const pixel = (yy: number, xxx: number): number => x.data[at(x, b, ch, yy, xxx)]!
    const top = pixel(y0, x0) * (1 - fx) + pixel(y0, x1) * fx
    const bottom = pixel(y1, x0) * (1 - fx) + pixel(y1, x1) * fx
    out.data[at(out, b, ch, oy, ox)] = top * (1 - fy) + bottom * fy
  }
  return out
}

export function map(x: Nchw, f: (value: number) => number): Nchw {
  return { data: x.data.map(f), dims: x.dims }
}

export function concatChannels(a: Nchw, b: Nchw): Nchw {
  const [n, ca, h, w] = a.dims
  const cb = b.dims[1]
  const out = zeros([n, ca + cb, h, w])
  const plane = h * w
  for (let s = 0; s < n; s++) {
    out.data.set(a.data.subarray(s * ca * plane, (s + 1) * ca * plane), s * (ca + cb) * plane)
    out.data.set(b.data.subarray(s * cb * plane, (s + 1) * cb * plane), (s * (ca + cb) + ca) * plane)
  }
  return out
}
