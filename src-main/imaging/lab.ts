import type { RawImage } from './decode'

/** CIE L*a*b* (D65 white) as planes: L in 0..100, a and b roughly −128..127. */
export interface LabImage {
  L: Float32Array
  a: Float32Array
  b: Float32Array
  width: number
  height: number
}

// D65 reference white and the sRGB ↔ XYZ matrices (IEC 61966-2-1).
const WHITE_X = 0.95047
const WHITE_Z = 1.08883
const RGB_TO_XYZ = [0.4124564, 0.3575761, 0.1804375, 0.2126729, 0.7151522, 0.072175, 0.0193339, 0.119192, 0.9503041] as const
const [X_R, Y_R, Z_R, X_G, Y_G, Z_G, X_B, Y_B, Z_B] = [3.2404542, -1.5371385, -0.4985314, -0.969266, 1.8760108, 0.041556, 0.0556434, -0.2040259, 1.0572252] as const
// CIE constants: f(t) = ∛t above (6/29)³, a straight line below it.
const DELTA = 6 / 29
const EPSILON = DELTA ** 3
const SLOPE = 1 / (3 * DELTA * DELTA)
const OFFSET = 4 / 29

// ∛t and linear light → sRGB are read from tables over 0..1 with linear interpolation: 2^16 steps keep the
// error under 1e-5 of L and 0.01 of a 16-bit level, and are several times faster than Math.cbrt and `**`.
const TABLE_STEPS = 65536
/** Linear values this far outside 0..1 are float noise, clamped; further out, chroma is reduced instead. */
const GAMUT_TOLERANCE = 1e-5
const GAMUT_BISECTIONS = 12

function srgbToLinear(v: number): number {
  return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4
}

function linearToSrgb(v: number): number {
  return v <= 0.0031308 ? v * 12.92 : 1.055 * v ** (1 / 2.4) - 0.055
}

/** Builds a value on first use and keeps it: the tables take a few milliseconds each. */
function once<T>(make: () => T): () => T {
  let value: T | undefined
  return () => (value ??= make())
}

/** Sample value → linear light, one entry per possible sample. */
const decodeTables = {
  8: once(() => Float32Array.from({ length: 256 }, (_, i) => srgbToLinear(i / 255))),
  16: once(() => Float32Array.from({ length: 65536 }, (_, i) => srgbToLinear(i / 65535)))
}

/** `fn` at TABLE_STEPS + 1 points from 0 to 1. */
function tableOf(fn: (v: number) => number): Float32Array {
  return Float32Array.from({ length: TABLE_STEPS + 1 }, (_, i) => fn(i / TABLE_STEPS))
}

const cubeRootTable = once(() => tableOf(Math.cbrt))
const srgbEncodingTable = once(() => tableOf(linearToSrgb))

/** `table` between its points; `v` must lie in 0..1. */
function lookUp(table: Float32Array, v: number): number {
  const position = v * TABLE_STEPS
  const index = Math.min(position | 0, TABLE_STEPS - 1)
  const below = table[index]!
  return below + (table[index + 1]! - below) * (position - index)
}

function labF(t: number, cubeRoots: Float32Array): number {
  if (t <= EPSILON) return t * SLOPE + OFFSET
  return t < 1 ? lookUp(cubeRoots, t) : Math.cbrt(t)
}

function labFInverse(t: number): number {
  return t > DELTA ? t * t * t : (t - OFFSET) / SLOPE
}

/** The samples of a RawImage as numbers, without copying where the buffer allows. */
export function samplesOf(image: RawImage): Uint8Array | Uint16Array {
  const { data } = image
  if (image.depth === 8) return data
  const aligned = data.byteOffset % 2 === 0 ? data : Buffer.from(data)
  return new Uint16Array(aligned.buffer, aligned.byteOffset, aligned.length / 2)
}

/** sRGB (or sRGB-encoded grey) pixels → L*a*b*; alpha is ignored. */
export function rgbToLab(image: RawImage): LabImage {
  const { width, height, channels } = image
  const pixels = width * height
  const samples = samplesOf(image)
  if (samples.length !== pixels * channels) throw new RangeError(`raw image holds ${samples.length} samples; ${width}×${height}×${channels} needs ${pixels * channels}`)
  const toLinear = decodeTables[image.depth]()
  const cubeRoots = cubeRootTable()
  const colour = channels >= 3
  const [m0, m1, m2, m3, m4, m5, m6, m7, m8] = RGB_TO_XYZ
  const L = new Float32Array(pixels)
  const a = new Float32Array(pixels)
  const b = new Float32Array(pixels)
  for (let i = 0, s = 0; i < pixels; i++, s += channels) {
    const r = toLinear[samples[s]!]!
    const g = colour ? toLinear[samples[s + 1]!]! : r
    const bl = colour ? toLinear[samples[s + 2]!]! : r
    const fy = labF(m3 * r + m4 * g + m5 * bl, cubeRoots)
    if (!colour) {
      // Grey has a = b = 0 by definition; computing them would only add float noise.
      L[i] = 116 * fy - 16
      continue
    }
    const fx = labF((m0 * r + m1 * g + m2 * bl) / WHITE_X, cubeRoots)
    const fz = labF((m6 * r + m7 * g + m8 * bl) / WHITE_Z, cubeRoots)
    L[i] = 116 * fy - 16
    a[i] = 500 * (fx - fy)
    b[i] = 200 * (fy - fz)
  }
  return { L, a, b, width, height }
}

/**
 * L*a*b* planes → sRGB, 3 channels at `depth` bits. A colour outside sRGB keeps its L and hue and loses chroma
 * until it fits (bisection on the a, b scale), so the lightness given is the lightness written.
 */
export function labToRgb(L: Float32Array, a: Float32Array, b: Float32Array, width: number, height: number, depth: 8 | 16): RawImage {
  const pixels = width * height
  if (L.length !== pixels || a.length !== pixels || b.length !== pixels) throw new RangeError(`L, a and b must each hold ${width}×${height} values`)
  const max = depth === 8 ? 255 : 65535
  const out = depth === 8 ? new Uint8Array(pixels * 3) : new Uint16Array(pixels * 3)
  const linear = new Float64Array(3)
  const table = srgbEncodingTable()
  for (let i = 0, o = 0; i < pixels; i++, o += 3) {
    const lightness = L[i]!
    if (!labToLinear(lightness, a[i]!, b[i]!, linear)) fitChroma(lightness, a[i]!, b[i]!, linear)
    out[o] = encodeSample(table, linear[0]!, max)
    out[o + 1] = encodeSample(table, linear[1]!, max)
    out[o + 2] = encodeSample(table, linear[2]!, max)
  }
  return { data: Buffer.from(out.buffer, out.byteOffset, out.byteLength), width, height, channels: 3, depth }
}

/** Writes linear RGB into `rgb`; returns whether it lies within sRGB's gamut. */
function labToLinear(L: number, a: number, b: number, rgb: Float64Array): boolean {
  const fy = (L + 16) / 116
  const x = WHITE_X * labFInverse(fy + a / 500)
  const y = labFInverse(fy)
  const z = WHITE_Z * labFInverse(fy - b / 200)
  rgb[0] = X_R * x + Y_R * y + Z_R * z
  rgb[1] = X_G * x + Y_G * y + Z_G * z
  rgb[2] = X_B * x + Y_B * y + Z_B * z
  return inGamut(rgb[0]) && inGamut(rgb[1]) && inGamut(rgb[2])
}

function inGamut(v: number): boolean {
  return v >= -GAMUT_TOLERANCE && v <= 1 + GAMUT_TOLERANCE
}

/** The largest fraction of (a, b) that fits sRGB at lightness L, written into `rgb`; grey (fraction 0) always fits. */
function fitChroma(L: number, a: number, b: number, rgb: Float64Array): void {
  let inside = 0
  let outside = 1
  for (let step = 0; step < GAMUT_BISECTIONS; step++) {
    const middle = (inside + outside) / 2
    if (labToLinear(L, a * middle, b * middle, rgb)) inside = middle
    else outside = middle
  }
  labToLinear(L, a * inside, b * inside, rgb)
}

/** Rounds by `+ 0.5 | 0` (the value is never negative): Math.round costs more than the rest of the conversion. */
function encodeSample(table: Float32Array, linear: number, max: number): number {
  return (lookUp(table, Math.min(Math.max(linear, 0), 1)) * max + 0.5) | 0
}
