import * as tf from '@tensorflow/tfjs'

type Pad = tf.Conv2DBackpropFilterAttrs['pad']

/** The forward convolution's geometry (output size, padding on each side) that a backprop kernel inverts. */
export function forwardConvInfo(
  kernelName: string,
  inputShape: [number, number, number, number],
  filterShape: [number, number, number, number],
  strides: [number, number] | number,
  pad: Pad,
  dataFormat: 'NHWC' | 'NCHW',
  dimRoundingMode?: 'floor' | 'round' | 'ceil'
): tf.backend_util.Conv2DInfo {
  if (dataFormat !== 'NHWC') throw new Error(`${kernelName} on wasm supports NHWC only, got ${dataFormat}`)
  return tf.backend_util.computeConv2DInfo(inputShape, filterShape, strides, 1, pad, dimRoundingMode)
}

/**
 * Pads (positive amounts) or crops (negative amounts) height and width, so that one explicit
 * geometry covers padding wider than the kernel as well as padding the kernel never reaches.
 */
export function padOrCrop(x: tf.Tensor4D, top: number, bottom: number, left: number, right: number): tf.Tensor4D {
  const [, height, width] = x.shape
  const cropTop = Math.max(0, -top)
  const cropLeft = Math.max(0, -left)
  const keptHeight = height - cropTop - Math.max(0, -bottom)
  const keptWidth = width - cropLeft - Math.max(0, -right)
  let out = x
  if (cropTop || cropLeft || keptHeight !== height || keptWidth !== width) {
    out = tf.slice(x, [0, cropTop, cropLeft, 0], [-1, keptHeight, keptWidth, -1])
  }
  const padding: Array<[number, number]> = [[0, 0], [Math.max(0, top), Math.max(0, bottom)], [Math.max(0, left), Math.max(0, right)], [0, 0]]
  return padding.some(([before, after]) => before || after) ? tf.pad(out, padding) : out
}
