import * as tf from '@tensorflow/tfjs'

/**
 * tf.reverse along one axis, as the axis's slices concatenated in reverse order: the wasm backend's
 * Reverse kernel computes an index per element (~5 M elements/s), slices and concat copy whole runs.
 * Meant for short axes (filter taps, padding borders).
 */
export function flip<T extends tf.Tensor>(x: T, axis: number): T {
  const length = x.shape[axis]!
  if (length <= 1) return x
  const size = x.shape.map((extent, i) => (i === axis ? 1 : extent))
  const slices = Array.from({ length }, (_, i) => tf.slice(x, x.shape.map((_, d) => (d === axis ? length - 1 - i : 0)), size))
  return tf.concat(slices, axis) as T
}
