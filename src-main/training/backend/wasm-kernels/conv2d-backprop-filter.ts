import * as tf from '@tensorflow/tfjs'
import { forwardConvInfo } from './conv-geometry'

/**
 * dW[i, j] = Σ over batch and output positions of x_padded[s·oh + i, s·ow + j] ⊗ dy[oh, ow]:
 * one strided slice of the padded input per filter tap, multiplied by dy as a single matMul,
 * so the work runs in the wasm backend's XNNPACK-backed BatchMatMul.
 */
function conv2dBackpropFilter({ inputs, attrs }: { inputs: tf.NamedTensorInfoMap; attrs?: tf.NamedAttrMap }): tf.TensorInfo {
  const x = inputs['x'] as tf.Tensor4D
  const dy = inputs['dy'] as tf.Tensor4D
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as tf.Conv2DBackpropFilterAttrs
  const info = forwardConvInfo(tf.Conv2DBackpropFilter, x.shape, filterShape, strides, pad, dataFormat, dimRoundingMode)
  const { top, bottom, left, right } = info.padInfo
  const { filterHeight, filterWidth, strideHeight, strideWidth, outHeight, outWidth, inChannels, outChannels } = info

  // Written with tf ops, which run on the wasm backend's own kernels; tidy frees the intermediates.
  return tf.tidy(() => {
    // Rounding the output size up ('ceil') lets the last taps reach past the stated padding.
    const reachBottom = Math.max(bottom, (outHeight - 1) * strideHeight + filterHeight - top - x.shape[1])
    const reachRight = Math.max(right, (outWidth - 1) * strideWidth + filterWidth - left - x.shape[2])
    const padded = tf.pad(x, [[0, 0], [top, reachBottom], [left, reachRight], [0, 0]])
    const positions = x.shape[0] * outHeight * outWidth
    const dyMatrix = tf.reshape(dy, [positions, outChannels])
    const taps: tf.Tensor[] = []
    for (let i = 0; i < filterHeight; i++) {
      for (let j = 0; j < filterWidth; j++) {
        const begin = [0, i, j, 0]
        const end = [x.shape[0], i + (outHeight - 1) * strideHeight + 1, j + (outWidth - 1) * strideWidth + 1, inChannels]
        const seen =
          strideHeight === 1 && strideWidth === 1
            ? tf.slice(padded, begin, [-1, outHeight, outWidth, -1])
            : tf.stridedSlice(padded, begin, end, [1, strideHeight, strideWidth, 1])
        taps.push(tf.matMul(tf.reshape(seen, [positions, inChannels]), dyMatrix, true, false))
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
