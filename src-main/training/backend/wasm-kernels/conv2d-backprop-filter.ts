import * as tf from '@tensorflow/tfjs'
import { forwardConvInfo } from './conv-geometry'

/**
 * The padded input in channel-major order with its stride phases split out:
 * [sh·sw·Cin, N, Hp/sh, Wp/sw], where block (c·sh + r)·Cin holds rows ≡ r and columns ≡ c. Tap
 * (i, j) of a strided convolution then reads one plain slice of it. Only rank ≤ 4 transposes:
 * the wasm backend's generic higher-rank transpose is ~20× slower.
 */
function channelMajorPhases(padded: tf.Tensor4D, strideHeight: number, strideWidth: number): tf.Tensor4D {
  const [batch, height, width, channels] = padded.shape
  const rows = height / strideHeight
  const columns = width / strideWidth
  const channelMajor = tf.transpose(padded, [3, 0, 1, 2])
  const rowPhases = tf.transpose(tf.reshape(channelMajor, [channels * batch, rows, strideHeight, width]), [2, 0, 1, 3])
  const bothPhases = tf.transpose(tf.reshape(rowPhases, [strideHeight * channels * batch * rows, columns, strideWidth]), [2, 0, 1])
  return tf.reshape(bothPhases, [strideWidth * strideHeight * channels, batch, rows, columns])
}

/**
 * dW[i, j] = Σ over batch and output positions of x_padded[s·oh + i, s·ow + j] ⊗ dy[oh, ow]:
 * per filter tap, one plain slice of the channel-major, phase-split input times dy as a matMul
 * (no transposed operands: the wasm BatchMatMul is ~20× slower with transposeA).
 */
function conv2dBackpropFilter({ inputs, attrs }: { inputs: tf.NamedTensorInfoMap; attrs?: tf.NamedAttrMap }): tf.TensorInfo {
  const x = inputs['x'] as tf.Tensor4D
  const dy = inputs['dy'] as tf.Tensor4D
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as tf.Conv2DBackpropFilterAttrs
  const info = forwardConvInfo(tf.Conv2DBackpropFilter, x.shape, filterShape, strides, pad, dataFormat, dimRoundingMode)
  const { top, left } = info.padInfo
  const { filterHeight, filterWidth, strideHeight, strideWidth, outHeight, outWidth, inChannels, outChannels } = info
  const batch = x.shape[0]

  // Written with tf ops, which run on the wasm backend's own kernels; tidy frees the intermediates.
  return tf.tidy(() => {
    // Pad to the rows and columns the taps reach (rounding the output size up can reach past the
    // stated padding), rounded up to whole stride phases.
    const roundUp = (n: number, multiple: number) => Math.ceil(n / multiple) * multiple
    const height = roundUp(Math.max(top + x.shape[1], (outHeight - 1) * strideHeight + filterHeight), strideHeight)
    const width = roundUp(Math.max(left + x.shape[2], (outWidth - 1) * strideWidth + filterWidth), strideWidth)
    const padded = tf.pad(x, [[0, 0], [top, height - top - x.shape[1]], [left, width - left - x.shape[2]], [0, 0]])
    const phases = channelMajorPhases(padded, strideHeight, strideWidth)
    const dyMatrix = tf.reshape(dy, [batch * outHeight * outWidth, outChannels])
    const taps: tf.Tensor[] = []
    for (let i = 0; i < filterHeight; i++) {
      for (let j = 0; j < filterWidth; j++) {
        const phase = (j % strideWidth) * strideHeight + (i % strideHeight)
        const begin = [phase * inChannels, 0, Math.floor(i / strideHeight), Math.floor(j / strideWidth)]
        const seen = tf.slice(phases, begin, [inChannels, batch, outHeight, outWidth])
        taps.push(tf.matMul(tf.reshape(seen, [inChannels, batch * outHeight * outWidth]), dyMatrix))
      }
    }
    return tf.reshape(tf.stack(taps), [filterHeight, filterWidth, inChannels, outChannels])
  })
}

export const conv2dBackpropFilterConfig: tf.KernelConfig = {
  kernelName: tf.Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: conv2dBackpropFilter as tf.KernelFunc
}
