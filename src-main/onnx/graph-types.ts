/**
 * A float32 NCHW value in the graph. `probeSize` is its [height, width] for a 3072×3072 probe input: it lets
 * the builder check that added or concatenated values line up and tell whether the output keeps the input's size.
 */
export interface Tensor {
  readonly name: string
  readonly channels: number
  readonly probeSize: readonly [height: number, width: number]
}

/** One amount for every side, or [top, left, bottom, right] (ONNX's begin-then-end order). */
export type Padding = number | readonly [top: number, left: number, bottom: number, right: number]

export interface ConvOptions {
  name: string
  outChannels: number
  kernel: number
  stride?: number
  pad?: Padding
  bias?: boolean
}

/**
 * Output = stride·(input − 1) + kernel − padBegin − padEnd + outputPad: a symmetric pad with outputPad is
 * PyTorch's ConvTranspose2d; tfjs 'same' for kernel 3, stride 2 is pad [0, 0, 1, 1] with no outputPad.
 */
export interface ConvTransposeOptions {
  name: string
  outChannels: number
  kernel: number
  stride: number
  pad?: Padding
  outputPad?: number
  bias?: boolean
}

export interface InstanceNormOptions {
  name: string
  /** Learned scale and bias from the weight source; otherwise 1 and 0, like PyTorch's default affine=False. */
  affine?: boolean
  epsilon?: number
}

export interface ResizeOptions {
  mode: 'nearest' | 'linear'
  scale?: number
  /**
   * How output pixels map back to input coordinates. Default: 'asymmetric' (floor) for nearest, which is PyTorch's
   * and tfjs's nearest; 'half_pixel' for linear, which is PyTorch's bilinear (tfjs UpSampling2D bilinear is 'asymmetric').
   */
  coordinates?: 'asymmetric' | 'half_pixel'
}

export interface BuiltModel {
  bytes: Uint8Array
  /** Values drawn from the weight source (constants such as non-affine norm scales excluded). */
  parameterCount: number
}
