import * as tf from '@tensorflow/tfjs'
import { conv2dBackpropFilterConfig } from './conv2d-backprop-filter'
import { conv2dBackpropInputConfig } from './conv2d-backprop-input'

/** Kernels the wasm backend lacks (Conv2DBackpropFilter) or runs slowly (its naive Conv2DBackpropInput). */
export const WASM_TRAINING_KERNELS: readonly tf.KernelConfig[] = [conv2dBackpropFilterConfig, conv2dBackpropInputConfig]

/** Puts our kernels in place of (or beside) the wasm backend's own; safe to call more than once. */
export function registerWasmTrainingKernels(): void {
  for (const config of WASM_TRAINING_KERNELS) {
    if (tf.getKernel(config.kernelName, config.backendName)) tf.unregisterKernel(config.kernelName, config.backendName)
    tf.registerKernel(config)
  }
}
