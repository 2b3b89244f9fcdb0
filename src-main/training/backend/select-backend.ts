import * as tf from '@tensorflow/tfjs'
import { TRAINING_BACKENDS, type TrainingBackend, type TrainingBackendName } from './candidates'
import { wasmBinaryFolder } from './wasm-files'
import { registerWasmTrainingKernels } from './wasm-kernels'

/** A loaded backend (named when it differs from the one tried) or why it did not load. */
type Attempt = { ok: true; detail: string; backend?: TrainingBackendName } | { ok: false; reason: string }

const firstLine = (err: unknown): string => (err instanceof Error ? err.message : String(err)).split('\n')[0]!.trim()

/** Loads a package by a name the bundler and type checker must not resolve (it is optional). */
const importOptional = (pkg: string): Promise<unknown> => import(/* @vite-ignore */ pkg)

async function activate(name: string): Promise<void> {
  if (!(await tf.setBackend(name))) throw new Error(`tf.setBackend('${name}') failed to initialise`)
  await tf.ready()
}

/** The tfjs-node backend says whether TensorFlow placed ops on a GPU (a property in 4.x, a method in older builds). */
function tensorflowUsesGpu(): boolean | undefined {
  const backend = tf.backend() as unknown as { isUsingGpuDevice?: boolean | (() => boolean) }
  const flag = backend.isUsingGpuDevice
  return typeof flag === 'function' ? flag.call(backend) : flag
}

/** tfjs-node(-gpu) registers the 'tensorflow' backend when imported; the GPU build runs on CPU when CUDA is missing. */
async function tryTensorflow(pkg: string, wantGpu: boolean): Promise<Attempt> {
  try {
    await importOptional(pkg).catch((err: NodeJS.ErrnoException) => {
      const missing = (err.code === 'ERR_MODULE_NOT_FOUND' || err.code === 'MODULE_NOT_FOUND') && err.message.includes(`'${pkg}'`)
      throw missing ? new Error(`${pkg} is not installed`) : err
    })
    await activate('tensorflow')
    if (!wantGpu) return { ok: true, detail: `${pkg}, native TensorFlow on the CPU` }
    if (tensorflowUsesGpu() === false) {
      return { ok: true, backend: 'tensorflow', detail: `${pkg} loaded but TensorFlow found no usable CUDA GPU (needs CUDA 11.2 and cuDNN 8.1), so it runs on the CPU` }
    }
    return { ok: true, detail: `${pkg} on a CUDA GPU` }
  } catch (err) {
    return { ok: false, reason: firstLine(err) }
  }
}

let wasmConfigured = false

/**
 * Emscripten's Node glue installs process-wide 'uncaughtException' and 'unhandledRejection'
 * handlers that rethrow (printing the whole minified module); the host's own handling must stay.
 */
async function withoutNewProcessHandlers(start: () => Promise<void>): Promise<void> {
  const events = ['uncaughtException', 'unhandledRejection']
  const before = events.map((event) => new Set(process.listeners(event as 'uncaughtException')))
  try {
    await start()
  } finally {
    events.forEach((event, i) => {
      for (const listener of process.listeners(event as 'uncaughtException')) {
        if (!before[i]!.has(listener)) process.removeListener(event, listener)
      }
    })
  }
}

async function tryWasm(): Promise<Attempt> {
  try {
    const wasm = await import('@tensorflow/tfjs-backend-wasm')
    if (!wasmConfigured) {
      wasm.setWasmPaths(wasmBinaryFolder())
      registerWasmTrainingKernels()
      wasmConfigured = true
    }
    await withoutNewProcessHandlers(() => activate('wasm'))
    const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')
    const threads = wasm.getThreadsCount()
    return { ok: true, detail: `${simd ? 'SIMD' : 'no SIMD'}, ${threads} thread${threads === 1 ? '' : 's'} (tfjs-backend-wasm has no threads under Node), heap at most 4 GB, our conv backprop kernels` }
  } catch (err) {
    return { ok: false, reason: firstLine(err) }
  }
}

async function tryCpu(): Promise<Attempt> {
  try {
    await activate('cpu')
    return { ok: true, detail: 'pure JavaScript, about 50× slower than wasm' }
  } catch (err) {
    return { ok: false, reason: firstLine(err) }
  }
}

const attempts: Record<TrainingBackendName, () => Promise<Attempt>> = {
  'tensorflow-gpu': () => tryTensorflow('@tensorflow/tfjs-node-gpu', true),
  tensorflow: () => tryTensorflow('@tensorflow/tfjs-node', false),
  wasm: tryWasm,
  cpu: tryCpu
}

/**
 * Makes the best loadable backend tfjs's active one (tfjs-node-gpu, then tfjs-node, then wasm,
 * then pure JS), or the first loadable of `candidates`, and says why it won.
 */
export async function selectTrainingBackend(candidates: readonly TrainingBackendName[] = TRAINING_BACKENDS.map((b) => b.backend)): Promise<TrainingBackend> {
  const failures: string[] = []
  for (const backend of candidates) {
    const attempt = await attempts[backend]()
    if (attempt.ok) {
      const tried = failures.length ? `; tried first: ${failures.join('; ')}` : ''
      const chosen = attempt.backend ?? backend
      return { backend: chosen, note: `${chosen}: ${attempt.detail}${tried}` }
    }
    failures.push(`${backend} (${attempt.reason})`)
  }
  throw new Error(`No training backend could start: ${failures.join('; ')}`)
}
