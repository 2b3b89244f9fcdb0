import { InferenceSession, Tensor as OrtTensor } from 'onnxruntime-node'
import type { Nchw } from './reference-ops'

/** Loads model bytes in onnxruntime-node (CPU) and runs them once on `input`. */
export async function runModel(bytes: Uint8Array, input: Nchw): Promise<Nchw> {
  const session = await InferenceSession.create(bytes)
  try {
    const results = await session.run({ input: new OrtTensor('float32', input.data, [...input.dims]) })
    const output = results['output']
    if (!output) throw new Error('model has no output named "output"')
    const [n = 0, c = 0, h = 0, w = 0] = output.dims
    return { data: output.data as Float32Array, dims: [n, c, h, w] }
  } finally {
    await session.release()
  }
}

/** Deterministic values uniform in [−range, range), for inputs and weights of one-op tests. */
export function randomValues(length: number, seed: number, range = 1): Float32Array {
  let state = seed >>> 0
  return Float32Array.from({ length }, () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return (state / 2 ** 32) * 2 * range - range
  })
}

export function randomImage(dims: Nchw['dims'], seed: number): Nchw {
  return { data: randomValues(dims.reduce((a, b) => a * b, 1), seed), dims }
}

export function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} vs ${b.length}`)
  return a.reduce((max, value, i) => Math.max(max, Math.abs(value - b[i]!)), 0)
}
