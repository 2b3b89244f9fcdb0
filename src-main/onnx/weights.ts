/**
 * Supplies one parameter tensor, in ONNX layout: Conv weight [out, in, kH, kW], ConvTranspose weight
 * [in, out, kH, kW], bias and InstanceNormalization scale [channels]. Names are `<layer>.weight`,
 * `<layer>.bias` and `<layer>.scale`.
 */
export type WeightSource = (name: string, shape: readonly number[]) => Float32Array

/**
 * Reproducible weights initialised like pytorch-CycleGAN-and-pix2pix's init_type 'normal':
 * `*.bias` zero, `*.scale` N(1, std), everything else N(0, std). A tensor depends only on the seed
 * and its name, not on the order in which layers ask for them.
 */
export function seededWeights(seed: number, std = 0.02): WeightSource {
  return (name, shape) => {
    const values = new Float32Array(shape.reduce((a, b) => a * b, 1))
    if (name.endsWith('.bias')) return values
    const mean = name.endsWith('.scale') ? 1 : 0
    const normal = normalSequence(mulberry32(fnv1a(name) ^ Math.imul(seed, 0x9e3779b1)))
    for (let i = 0; i < values.length; i++) values[i] = mean + std * normal()
    return values
  }
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193)
  return hash >>> 0
}

/** Uniform [0, 1) from a 32-bit state. */
function mulberry32(state: number): () => number {
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Standard normal samples by the Box–Muller transform, two per pair of uniforms. */
function normalSequence(uniform: () => number): () => number {
  let spare: number | undefined
  return () => {
    if (spare !== undefined) {
      const value = spare
      spare = undefined
      return value
    }
    const radius = Math.sqrt(-2 * Math.log(1 - uniform()))
    const angle = 2 * Math.PI * uniform()
    spare = radius * Math.sin(angle)
    return radius * Math.cos(angle)
  }
}
