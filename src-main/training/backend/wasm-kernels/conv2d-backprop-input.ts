import * as tf from '@tensorflow/tfjs'
import { forwardConvInfo, padOrCrop } from './conv-geometry'

/** dy with (stride - 1) zeros after every row and column: [N, H·sh, W·sw, C]. */
function insertZeros(dy: tf.Tensor4D, strideHeight: number, strideWidth: number): tf.Tensor4D {
  const [batch, height, width, channels] = dy.shape
  let out = dy
  if (strideWidth > 1) {
    const columns = tf.reshape(out, [batch * height, width, 1, channels])
    out = tf.reshape(tf.pad(columns, [[0, 0], [0, 0], [0, strideWidth - 1], [0, 0]]), [batch, height, width * strideWidth, channels])
  }
  if (strideHeight > 1) {
    const rowLength = width * strideWidth * channels
    const rows = tf.reshape(out, [batch, height, 1, rowLength])
    out = tf.reshape(tf.pad(rows, [[0, 0], [0, 0], [0, strideHeight - 1], [0, 0]]), [batch, height * strideHeight, width * strideWidth, channels])
  }
  return out
}

/**
 * The gradient of a convolution with respect to its input (and so the forward pass of a
 * transposed convolution): dy spread out by the stride, then a stride-1 convolution with the
 * filter flipped in space and its in/out channels swapped, on the wasm backend's XNNPACK Conv2D.
 */
function conv2dBackpropInput({ inputs, attrs }: { inputs: tf.NamedTensorInfoMap; attrs?: tf.NamedAttrMap }): tf.TensorInfo {
  const dy = inputs['dy'] as tf.Tensor4D
  const filter = inputs['filter'] as tf.Tensor4D
  const { strides, pad, dataFormat, dimRoundingMode, inputShape } = attrs as unknown as tf.Conv2DBackpropInputAttrs
  const info = forwardConvInfo(tf.Conv2DBackpropInput, inputShape, filter.shape, strides, pad, dataFormat, dimRoundingMode)
  const { top, left } = info.padInfo
  const { filterHeight, filterWidth, strideHeight, strideWidth, inHeight, inWidth } = info

  // Written with tf ops, which run on the wasm backend's own kernels; tidy frees the intermediates.
  return tf.tidy(() => {
    const spread = insertZeros(dy, strideHeight, strideWidth)
    // Output row h sums spread rows h + top - i for taps i; padding the spread tensor by
    // (kernel - 1 - top) turns that into a plain correlation with the flipped filter.
    const padTop = filterHeight - 1 - top
    const padLeft = filterWidth - 1 - left
    const padBottom = inHeight + filterHeight - 1 - padTop - spread.shape[1]
    const padRight = inWidth + filterWidth - 1 - padLeft - spread.shape[2]
    const flipped = tf.transpose(tf.reverse(filter, [0, 1]), [0, 1, 3, 2]) as tf.Tensor4D
    if (Math.min(padTop, padBottom, padLeft, padRight) >= 0) {
      const explicit: tf.backend_util.ExplicitPadding = [[0, 0], [padTop, padBottom], [padLeft, padRight], [0, 0]]
      return tf.conv2d(spread, flipped, 1, explicit)
    }
    return tf.conv2d(padOrCrop(spread, padTop, padBottom, padLeft, padRight), flipped, 1, 'valid')
  })
}

export const conv2dBackpropInputConfig: tf.KernelConfig = {
  kernelName: tf.Conv2DBackpropInput,
  backendName: 'wasm',
  kernelFunc: conv2dBackpropInput as tf.KernelFunc
}
