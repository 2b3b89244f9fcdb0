import { StudioError } from '../../common/studio-error'
import type { RecomputeLevelChosen } from '../recompute-choice'

/**
 * How running out of memory surfaces: wasm aborts ("Aborted()", Emscripten's abort when its heap cannot grow past
 * 4 GB) or traps on a failed allocation ("memory access out of bounds"); JavaScript throws a RangeError when an
 * ArrayBuffer cannot be allocated (the pure-JS backend, or wasm memory growth).
 */
const ABORTS = /^Aborted\(|memory access out of bounds|Cannot enlarge memory/
const ALLOCATION_FAILURES = /Array buffer allocation failed|Invalid typed array length|Invalid array buffer length|Maximum memory size exceeded|Out of memory/i

export function isOutOfMemory(err: unknown): boolean {
  if (!(err instanceof Error)) return false
  return ABORTS.test(err.message) || (err instanceof RangeError && ALLOCATION_FAILURES.test(err.message))
}

export interface OutOfMemoryContext {
  runId: string
  backend: string
  level: RecomputeLevelChosen
  /** Steps kept in the newest checkpoint; absent when there is none yet. */
  checkpointed?: number
}

/** The error a run ends with when `err` is running out of memory, or undefined when it is something else. */
export function outOfMemoryError(err: unknown, c: OutOfMemoryContext): StudioError | undefined {
  if (!isOutOfMemory(err)) return undefined
  const where = c.backend === 'wasm' ? 'the wasm backend (its heap is capped at 4 GB)' : `the ${c.backend} backend`
  const newRun = 'start a new run with the fast preset or a smaller crop size'
  const remedy =
    c.level === 'generator'
      ? newRun
      : `resume it with recompute 'generator' (Train screen: Resume with less memory; CLI: gan-studio train --resume ${c.runId} --recompute generator), or ${newRun}`
  const resume = c.checkpointed === undefined ? 'no checkpoint was saved yet, so a resumed run starts again from step 0' : `its last checkpoint (step ${c.checkpointed}) is kept`
  return new StudioError('out-of-memory', `training ran out of memory on ${where} with recompute '${c.level}': ${remedy}; ${resume}`)
}
