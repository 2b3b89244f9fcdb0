import { createRequire } from 'node:module'
import type { SystemInfo } from '../../../src-preload/contract'
import { TRAINING_BACKENDS } from './candidates'

const require = createRequire(import.meta.url)

function installed(pkg: string): boolean {
  try {
    require.resolve(`${pkg}/package.json`)
    return true
  } catch {
    return false
  }
}

/**
 * The backend training is expected to run on, for Settings and the status bar, without loading
 * TensorFlow into this process: the first installed one in selectTrainingBackend's order. Loading
 * (and falling back when a native build cannot load) happens when a run starts, and the run says
 * which backend it got.
 */
export function trainingBackendInfo(): SystemInfo['compute']['training'] {
  const missing = TRAINING_BACKENDS.filter((b) => !installed(b.pkg)).map((b) => b.pkg)
  const first = TRAINING_BACKENDS.find((b) => installed(b.pkg))
  if (!first) return { backend: 'none', note: '@tensorflow/tfjs is not installed' }
  const notInstalled = missing.length ? `; not installed: ${missing.join(', ')}` : ''
  const gpuCaveat = first.backend === 'tensorflow-gpu' ? ' if CUDA 11.2 and cuDNN 8.1 load, else TensorFlow on the CPU' : ''
  return { backend: first.backend, note: `${first.label}${gpuCaveat}; confirmed when a training run starts${notInstalled}` }
}
