import { createRequire } from 'node:module'
import type { SystemInfo } from '../../src-preload/contract'

const require = createRequire(import.meta.url)

/** tfjs backends in order of preference, with the npm package that provides each. */
export const TRAINING_BACKENDS = [
  { backend: 'tensorflow (CUDA)', pkg: '@tensorflow/tfjs-node-gpu' },
  { backend: 'tensorflow (CPU)', pkg: '@tensorflow/tfjs-node' },
  { backend: 'wasm', pkg: '@tensorflow/tfjs-backend-wasm' },
  { backend: 'cpu (pure JS)', pkg: '@tensorflow/tfjs' }
] as const

function installed(pkg: string): boolean {
  try {
    require.resolve(`${pkg}/package.json`)
    return true
  } catch {
    return false
  }
}

/** The first installed training backend; loading it (and falling back) happens when training starts. */
export function trainingBackendInfo(): SystemInfo['compute']['training'] {
  const available = TRAINING_BACKENDS.filter((b) => installed(b.pkg))
  const missing = TRAINING_BACKENDS.filter((b) => !installed(b.pkg)).map((b) => b.pkg)
  const first = available[0]
  if (!first) return { backend: 'none', note: '@tensorflow/tfjs is not installed' }
  const note = missing.length ? `not installed: ${missing.join(', ')}` : 'all backends installed'
  return { backend: first.backend, note }
}
