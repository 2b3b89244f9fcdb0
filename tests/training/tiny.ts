import { resolveConfig, type TrainConfig, type TrainMode } from '../../src-main/training/config'
import type { Batch } from '../../src-main/training/trainer'

/** A network small enough to train in milliseconds per step on the pure-JS CPU backend. */
export function tinyConfig(mode: TrainMode, overrides: Partial<TrainConfig> = {}): TrainConfig {
  return resolveConfig('fast', { mode, size: 16, ngf: 4, ndf: 4, blocks: 1, unetDepth: 3, dLayers: 2, steps: 1000, decayFrom: 1000, ...overrides })
}

/** Deterministic pseudo-random values in [−1, 1). */
export function noise(length: number, seed: number): Float32Array {
  let state = seed >>> 0
  return Float32Array.from({ length }, () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return (state / 2 ** 32) * 2 - 1
  })
}

/**
 * Smooth random images (a few blurred blobs) in [−1, 1], NHWC, so convolutions have structure to learn from, and
 * a trivially learnable target: the colour inverse (−x), or for 1 → 2 channels (−x, x/2).
 */
export function inversionBatch(size: number, inChannels: number, outChannels: number, seed: number): Batch {
  const centres = noise(8, seed)
  const a = new Float32Array(size * size * inChannels)
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      for (let c = 0; c < inChannels; c++) {
        const cx = (centres[2 * (c % 4)]! * 0.5 + 0.5) * size
        const cy = (centres[2 * (c % 4) + 1]! * 0.5 + 0.5) * size
        a[(y * size + x) * inChannels + c] = Math.tanh(2 * Math.cos(((x - cx) ** 2 + (y - cy) ** 2) / (size * size * 0.1)) - 0.5 + c * 0.3)
      }
    }
  }
  const b = new Float32Array(size * size * outChannels)
  for (let i = 0; i < size * size; i++) {
    const v = a[i * inChannels]!
    if (outChannels === inChannels) for (let c = 0; c < outChannels; c++) b[i * outChannels + c] = -a[i * inChannels + c]!
    else [b[i * outChannels], b[i * outChannels + 1]] = [-v, v / 2]
  }
  return { a, b }
}

/** NHWC [1, h, w, c] → NCHW [1, c, h, w], and back. */
export function nhwcToNchw(values: Float32Array, height: number, width: number, channels: number): Float32Array {
  const out = new Float32Array(values.length)
  for (let i = 0; i < height * width; i++) for (let c = 0; c < channels; c++) out[c * height * width + i] = values[i * channels + c]!
  return out
}
