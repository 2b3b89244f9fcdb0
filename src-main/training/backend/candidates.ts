/** tfjs backends for training, in order of preference, with the npm package that provides each. */
export const TRAINING_BACKENDS = [
  { backend: 'tensorflow-gpu', pkg: '@tensorflow/tfjs-node-gpu', label: 'TensorFlow (CUDA)' },
  { backend: 'tensorflow', pkg: '@tensorflow/tfjs-node', label: 'TensorFlow (CPU)' },
  { backend: 'wasm', pkg: '@tensorflow/tfjs-backend-wasm', label: 'WebAssembly (XNNPACK)' },
  { backend: 'cpu', pkg: '@tensorflow/tfjs', label: 'pure JavaScript' }
] as const

export type TrainingBackendName = (typeof TRAINING_BACKENDS)[number]['backend']

/** Which backend training runs on and why: what was tried before it and what it could not load. */
export interface TrainingBackend {
  backend: TrainingBackendName
  note: string
}
