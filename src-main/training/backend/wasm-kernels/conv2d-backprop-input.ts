import * as tf from '@tensorflow/tfjs'
import { flip } from '../../ops/flip'
import { forwardConvInfo, padOrCrop } from './conv-geometry'

/**
 * The filter of the sub-pixel form of a transposed convolution, [Mh, Mw, Cout, sh·sw·Cin] with
 * M = ⌈k / s⌉: output channel (rh·sw + rw)·Cin + ci holds the taps ≡ (rh, rw) modulo the stride,
 * flipped in space and with in/out channels swapped. Taps past the kernel are zero.
 */
function subPixelFilter(filter: tf.Tensor4D, strideHeight: number, strideWidth: number): tf.Tensor4D {
  const [kh, kw, inChannels, outChannels] = filter.shape
  const mh = Math.ceil(kh / strideHeight)
  const mw = Math.ceil(kw / strideWidth)
  const padded = tf.pad(filter, [[0, mh * strideHeight - kh], [0, mw * strideWidth - kw], [0, 0], [0, 0]])
  const tapRow = strideWidth * inChannels * outChannels
  // Rows i = sh·m + r: flip m (not r), then columns likewise. Only rank ≤ 4 ops (see the filter kernel).
  const rowsFlipped = flip(tf.reshape(padded, [mh, strideHeight, mw * tapRow]), 0)
  const bothFlipped = flip(tf.reshape(rowsFlipped, [mh * strideHeight, mw, tapRow]), 1)
  const phasesInner = tf.transpose(tf.reshape(bothFlipped, [mh, strideHeight, mw, tapRow]), [0, 2, 1, 3])
  const channelsSwapped = tf.transpose(tf.reshape(phasesInner, [mh * mw, strideHeight * strideWidth * inChannels, outChannels]), [0, 2, 1])
  return tf.reshape(channelsSwapped, [mh, mw, outChannels, strideHeight * strideWidth * inChannels])
}

/** [N, Q, R, sh·sw·C] → [N, Q·sh, R·sw, C], channel block (rh·sw + rw) going to row phase rh, column phase rw. */
function interleavePhases(x: tf.Tensor4D, strideHeight: number, strideWidth: number): tf.Tensor4D {
  const [batch, rows, columns, channels] = x.shape
  const inChannels = channels / (strideHeight * strideWidth)
  if (strideHeight === 1 && strideWidth === 1) return x
  const grouped = tf.reshape(x, [batch * rows, columns, strideHeight, strideWidth * inChannels])
  return tf.reshape(tf.transpose(grouped, [0, 2, 1, 3]), [batch, rows * strideHeight, columns * strideWidth, inChannels])
}

/**
 * The gradient of a convolution with respect to its input (and so the forward pass of a
 * transposed convolution), in sub-pixel form: for each stride phase of the output, a stride-1
 * convolution of dy with that phase's taps, all phases as one XNNPACK Conv2D with sh·sw·Cin
 * output channels, then interleaved. No multiplications by inserted zeros.
 *
 * Padded-input row t = s·q + r receives Σ_m dy[q − m]·W[s·m + r]; padding dy by M − 1 on top
 * turns that into a plain correlation with the flipped taps.
 */
function conv2dBackpropInput({ inputs, attrs }: { inputs: tf.NamedTensorInfoMap; attrs?: tf.NamedAttrMap }): tf.TensorInfo {
  const dy = inputs['dy'] as tf.Tensor4D
  const filter = inputs['filter'] as tf.Tensor4D
  const { strides, pad, dataFormat, dimRoundingMode, inputShape } = attrs as unknown as tf.Conv2DBackpropInputAttrs
  const info = forwardConvInfo(tf.Conv2DBackpropInput, inputShape, filter.shape, strides, pad, dataFormat, dimRoundingMode)
  const { top, left } = info.padInfo
  const { filterHeight, filterWidth, strideHeight, strideWidth, inHeight, inWidth, outHeight, outWidth } = info

  // Written with tf ops, which run on the wasm backend's own kernels; tidy frees the intermediates.
  return tf.tidy(() => {
    const mh = Math.ceil(filterHeight / strideHeight)
    const mw = Math.ceil(filterWidth / strideWidth)
    // Phase rows q = 0..Q−1 cover the padded input rows up to the last real one.
    const rows = Math.ceil((top + inHeight) / strideHeight)
    const columns = Math.ceil((left + inWidth) / strideWidth)
    const padding = [mh - 1, rows - outHeight, mw - 1, columns - outWidth] as const
    const weights = subPixelFilter(filter, strideHeight, strideWidth)
    const phases =
      Math.min(...padding) >= 0
        ? tf.conv2d(dy, weights, 1, [[0, 0], [padding[0], padding[1]], [padding[2], padding[3]], [0, 0]])
        : tf.conv2d(padOrCrop(dy, ...padding), weights, 1, 'valid')
    return tf.slice(interleavePhases(phases, strideHeight, strideWidth), [0, top, left, 0], [-1, inHeight, inWidth, -1])
  })
}

export const conv2dBackpropInputConfig: tf.KernelConfig = {
  kernelName: tf.Conv2DBackpropInput,
  backendName: 'wasm',
  kernelFunc: conv2dBackpropInput as tf.KernelFunc
}
