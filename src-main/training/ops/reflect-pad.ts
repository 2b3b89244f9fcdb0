import * as tf from '@tensorflow/tfjs'
import { flip } from './flip'

/**
 * Sums a reflect-padded gradient back onto the unpadded axis: the centre maps one to one, the
 * left border's element j came from input index pad - j and the right border's element k (counted
 * from the centre) from size - 2 - k.
 */
function foldAxis(dy: tf.Tensor4D, axis: 1 | 2, pad: number, size: number): tf.Tensor4D {
  const begin = (start: number): [number, number, number, number] => (axis === 1 ? [0, start, 0, 0] : [0, 0, start, 0])
  const extent = (length: number): [number, number, number, number] => (axis === 1 ? [-1, length, -1, -1] : [-1, -1, length, -1])
  const zeros = (before: number, after: number): Array<[number, number]> =>
    axis === 1 ? [[0, 0], [before, after], [0, 0], [0, 0]] : [[0, 0], [0, 0], [before, after], [0, 0]]
  const centre = tf.slice(dy, begin(pad), extent(size))
  const left = flip(tf.slice(dy, begin(0), extent(pad)), axis)
  const right = flip(tf.slice(dy, begin(pad + size), extent(pad)), axis)
  return tf.addN([centre, tf.pad(left, zeros(1, size - 1 - pad)), tf.pad(right, zeros(size - 1 - pad, 1))])
}

/**
 * PyTorch's ReflectionPad2d on NHWC: pads height and width by `pad` on each side with the mirror
 * image that excludes the edge. Its gradient folds the border gradients back onto the interior
 * (tfjs's own mirrorPad gradient drops them).
 */
export function reflectPad2d(x: tf.Tensor4D, pad: number): tf.Tensor4D {
  if (!Number.isInteger(pad) || pad < 0) throw new Error(`reflectPad2d: pad must be a non-negative integer, got ${pad}`)
  const [, height, width] = x.shape
  if (pad >= height || pad >= width) {
    throw new Error(`reflectPad2d: pad ${pad} must be smaller than the height ${height} and width ${width}`)
  }
  if (pad === 0) return x
  const padded = tf.customGrad((input) => {
    const value = tf.mirrorPad(input as tf.Tensor4D, [[0, 0], [pad, pad], [pad, pad], [0, 0]], 'reflect')
    const gradFunc = (dy: tf.Tensor4D): tf.Tensor4D => {
      const rows = foldAxis(dy, 1, pad, height)
      return foldAxis(rows, 2, pad, width)
    }
    return { value, gradFunc }
  })
  return padded(x) as tf.Tensor4D
}
