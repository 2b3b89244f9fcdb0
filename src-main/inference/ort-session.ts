import { createHash } from 'node:crypto'
import { existsSync, readFileSync, statSync } from 'node:fs'
import os from 'node:os'
import { resolve } from 'node:path'
import type { InferenceSession } from 'onnxruntime-node'
import type { ExecutionProvider } from '../../src-preload/image-version'
import { loadOrt } from './load-ort'

export type ProviderPreference = ExecutionProvider
type GpuProvider = Exclude<ProviderPreference, 'auto' | 'cpu'>

export interface OpenedSession {
  session: InferenceSession
  /** The execution provider that runs the model: 'cpu' or one of the GPU providers. */
  provider: string
  /** What runs and, where a preferred provider was passed over, why, e.g. 'webgpu: no adapter found; running on CPU'. */
  note: string
}

/** The model could not be loaded on any provider: missing, not ONNX, or using what onnxruntime cannot run. */
export class ModelLoadError extends Error {
  override readonly name = 'ModelLoadError'
}

/** GPU providers worth trying on each platform, best first; others are refused with a note. */
const PLATFORM_GPU_PROVIDERS: Readonly<Record<string, readonly GpuProvider[]>> = {
  win32: ['dml', 'webgpu'],
  darwin: ['coreml', 'webgpu'],
  linux: ['cuda', 'webgpu']
}

const sessions = new Map<string, Promise<OpenedSession>>()

/**
 * A session for `model` (a file path or the model's bytes) on the preferred provider where this platform and
 * build offer it, otherwise on the CPU. Sessions are cached by model (path and modification time, or a hash
 * of the bytes) and preference; `closeSessions` releases them all.
 */
export function openSession(model: string | Uint8Array, preference: ProviderPreference = 'auto'): Promise<OpenedSession> {
  const key = `${modelKey(model)}|${preference}`
  let opened = sessions.get(key)
  if (!opened) {
    opened = createSession(model, preference)
    sessions.set(key, opened)
    opened.catch(() => sessions.delete(key))
  }
  return opened
}

export async function closeSessions(): Promise<void> {
  const opened = [...sessions.values()]
  sessions.clear()
  await Promise.all(opened.map((p) => p.then(({ session }) => session.release()).catch(() => undefined)))
}

/** Physical cores this process may use (ORT's threads gain nothing from SMT siblings). */
export function physicalCoreCount(): number {
  const usable = os.availableParallelism()
  if (process.platform !== 'linux') return usable
  try {
    const cores = new Set<string>()
    for (const block of readFileSync('/proc/cpuinfo', 'utf8').split('\n\n')) {
      const field = (name: string): string | undefined => new RegExp(`^${name}\\s*:\\s*(.*)$`, 'm').exec(block)?.[1]
      if (field('processor') !== undefined) cores.add(`${field('physical id') ?? 0}:${field('core id') ?? cores.size}`)
    }
    return Math.max(1, Math.min(usable, cores.size || usable))
  } catch {
    return usable
  }
}

function modelKey(model: string | Uint8Array): string {
  if (typeof model !== 'string') return `bytes:${createHash('sha256').update(model).digest('hex')}`
  const path = resolve(model)
  const stat = existsSync(path) ? statSync(path) : undefined
  return `file:${path}:${stat?.mtimeMs ?? 0}:${stat?.size ?? 0}`
}

async function createSession(model: string | Uint8Array, preference: ProviderPreference): Promise<OpenedSession> {
  const passedOver: string[] = []
  for (const provider of gpuCandidates(preference, passedOver)) {
    try {
      // Severity 4 (fatal only): a provider that fails here is reported in the note, not on stderr.
      const session = await createOrtSession(model, { executionProviders: [provider], logSeverityLevel: 4 })
      return { session, provider, note: [...passedOver, `running on ${provider}`].join('; ') }
    } catch (err) {
      passedOver.push(`${provider}: ${providerFailure(err)}`)
    }
  }
  try {
    const session = await createOrtSession(model, cpuSessionOptions())
    return { session, provider: 'cpu', note: [...passedOver, `running on CPU (${physicalCoreCount()} threads)`].join('; ') }
  } catch (err) {
    throw modelLoadError(model, err)
  }
}

function createOrtSession(model: string | Uint8Array, options: InferenceSession.SessionOptions): Promise<InferenceSession> {
  const ort = loadOrt()
  return typeof model === 'string' ? ort.InferenceSession.create(model, options) : ort.InferenceSession.create(model, options)
}

/** The GPU providers to try, in order; those that cannot run here are added to `passedOver` with the reason. */
function gpuCandidates(preference: ProviderPreference, passedOver: string[]): GpuProvider[] {
  if (preference === 'cpu') return []
  const wanted = preference === 'auto' ? (PLATFORM_GPU_PROVIDERS[process.platform] ?? []) : [preference]
  return wanted.filter((provider) => {
    const refusal = providerRefusal(provider)
    if (refusal) passedOver.push(`${provider}: ${refusal}`)
    return !refusal
  })
}

/** Why `provider` cannot be tried on this platform and build; undefined when it can. */
function providerRefusal(provider: GpuProvider): string | undefined {
  if (!(PLATFORM_GPU_PROVIDERS[process.platform] ?? []).includes(provider)) return `not offered on ${process.platform}`
  if (!loadOrt().listSupportedBackends().some((b) => b.name === provider)) return 'not included in this onnxruntime-node build'
  return undefined
}

/**
 * The preferences Settings offers. A GPU provider marked available can still fail when its session opens
 * (no adapter, missing driver libraries); the apply then runs on the CPU and its note says why.
 */
export function providerChoices(): { id: ProviderPreference; available: boolean; note: string }[] {
  const gpus: GpuProvider[] = ['cuda', 'webgpu', 'dml', 'coreml']
  return [
    { id: 'auto', available: true, note: 'the best GPU provider that opens, else the CPU' },
    { id: 'cpu', available: true, note: `${physicalCoreCount()} threads` },
    ...gpus.map((id) => {
      const refusal = providerRefusal(id)
      return { id, available: !refusal, note: refusal ?? 'tried first; falls back to the CPU if it cannot open' }
    })
  ]
}

/**
 * Measured on the ResNet-9 generator (ngf 64), 2 cores, best of 12 runs at 256²: 'all' optimisation 284 ms vs
 * 'basic' 314; arena off 318 vs on 289; 'parallel' 556 vs 'sequential' 294 (arena on and sequential are ORT's
 * defaults, so are not repeated). At 512², memory patterns off peaked at 701 MiB vs 911 on, no slower. The
 * optimisation level is the default too but pinned; threads are capped to the cores this process may use.
 */
export function cpuSessionOptions(): InferenceSession.SessionOptions {
  return { executionProviders: ['cpu'], graphOptimizationLevel: 'all', intraOpNumThreads: physicalCoreCount(), enableMemPattern: false, logSeverityLevel: 3 }
}

function providerFailure(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err)
  if (/adapter/i.test(message)) return 'no adapter found'
  if (/shared library|shared object|cannot open|LoadLibrary|dlopen/i.test(message)) return 'its libraries are not installed'
  if (/backend not found/i.test(message)) return 'not included in this onnxruntime-node build'
  return firstLine(message)
}

function modelLoadError(model: string | Uint8Array, err: unknown): ModelLoadError {
  const message = err instanceof Error ? err.message : String(err)
  const label = typeof model === 'string' ? model : `(${model.byteLength} bytes in memory)`
  if (typeof model === 'string' && !existsSync(model)) return new ModelLoadError(`model file not found: ${label}`, { cause: err })
  if (/protobuf parsing failed|invalid model|ModelProto/i.test(message)) {
    return new ModelLoadError(`not a valid ONNX model (corrupt or truncated file): ${label}`, { cause: err })
  }
  return new ModelLoadError(`onnxruntime could not load the model ${label}: ${firstLine(message)}`, { cause: err })
}

function firstLine(message: string): string {
  const line = message.split('\n')[0]?.replace(/^.*\]\s*:\s*/, '').trim() ?? ''
  return line.length > 160 ? `${line.slice(0, 157)}…` : line
}
