import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { StudioError } from '../../src-main/common/studio-error'
import { encodeImage } from '../../src-main/imaging'
import { selectTrainingBackend } from '../../src-main/training/backend/select-backend'
import { CheckpointStore } from '../../src-main/training/checkpoints/checkpoint-store'
import { decodeRunCheckpoint } from '../../src-main/training/checkpoints/snapshot-codec'
import { resolveConfig, type TrainConfig } from '../../src-main/training/config'
import { runFiles, writeRunSpec, type RunSpec } from '../../src-main/training/run/run-folder'
import { trainRun } from '../../src-main/training/run/train-loop'
import type { FromWorker } from '../../src-main/training/worker/messages'
import { isOutOfMemory, outOfMemoryError } from '../../src-main/training/worker/out-of-memory'
import { tempDir } from '../helpers/temp-dir'

/** WebAssembly.RuntimeError, the class wasm traps and Emscripten aborts throw (Node's lib typings lack it). */
const RuntimeError = (globalThis as unknown as { WebAssembly: { RuntimeError: ErrorConstructor } }).WebAssembly.RuntimeError

describe('running out of memory is told apart from other failures', () => {
  it('recognises wasm aborts and traps and failed allocations', () => {
    expect(isOutOfMemory(new RuntimeError('Aborted(). Build with -sASSERTIONS for more info.'))).toBe(true)
    expect(isOutOfMemory(new RuntimeError('memory access out of bounds'))).toBe(true)
    expect(isOutOfMemory(new RangeError('Array buffer allocation failed'))).toBe(true)
    expect(isOutOfMemory(new RangeError('WebAssembly.Memory.grow(): Maximum memory size exceeded'))).toBe(true)
  })

  it('leaves other errors alone', () => {
    expect(isOutOfMemory(new RangeError('Maximum call stack size exceeded'))).toBe(false)
    expect(isOutOfMemory(new Error('batch image a has 12 values; a 16×16 crop with 3 channels has 768'))).toBe(false)
    expect(isOutOfMemory('Aborted()')).toBe(false)
    expect(outOfMemoryError(new Error('disk full'), { runId: 'a0a0a0a0a0a0', backend: 'wasm', level: 'off' })).toBeUndefined()
  })

  it('says what to change and where the run resumes', () => {
    const abort = new RuntimeError('Aborted(). Build with -sASSERTIONS for more info.')
    const error = outOfMemoryError(abort, { runId: 'a0a0a0a0a0a0', backend: 'wasm', level: 'blocks', checkpointed: 40 })!
    expect(error.code).toBe('out-of-memory')
    expect(error.message).toBe(
      "training ran out of memory on the wasm backend (its heap is capped at 4 GB) with recompute 'blocks': resume it with recompute 'generator' " +
        "(Train screen: Resume with less memory; CLI: gan-studio train --resume a0a0a0a0a0a0 --recompute generator), " +
        'or start a new run with the fast preset or a smaller crop size; its last checkpoint (step 40) is kept'
    )
    const atGenerator = outOfMemoryError(abort, { runId: 'a0a0a0a0a0a0', backend: 'wasm', level: 'generator' })!.message
    expect(atGenerator).toContain("with recompute 'generator': start a new run with the fast preset or a smaller crop size; no checkpoint was saved yet, so a resumed run starts again from step 0")
  })
})

/** A run folder of two tiny photo folders, trained by trainRun as the worker does. */
async function runFolder(root: string, config: TrainConfig): Promise<RunSpec> {
  const photo = (seed: number) => {
    const data = Buffer.alloc(64 * 64 * 3)
    for (let i = 0; i < data.length; i++) data[i] = (i * 7 + seed * 40) % 256
    return encodeImage({ data, width: 64, height: 64, channels: 3, depth: 8 }, { format: 'png' })
  }
  for (const side of ['a', 'b']) {
    await mkdir(join(root, side), { recursive: true })
    for (const n of [0, 1]) await writeFile(join(root, side, `${n}.png`), await photo(n + (side === 'b' ? 2 : 0)))
  }
  const [a, b] = [join(root, 'a'), join(root, 'b')]
  const spec: RunSpec = {
    version: 1,
    id: 'a0a0a0a0a0a0',
    name: 'overflow',
    preset: 'fast',
    config,
    data: { mode: 'cyclegan', a, b },
    dataset: { mode: 'cyclegan', rootA: a, rootB: b, a: ['0.png', '1.png'], b: ['0.png', '1.png'] },
    sampleEvery: 100,
    checkpointEvery: 2,
    createdAt: new Date().toISOString()
  }
  await writeRunSpec(join(root, 'run'), spec)
  return spec
}

it('a run whose step overflows the 4 GB wasm heap fails saying so, its last checkpoint kept', { timeout: 240_000 }, async () => {
  const backend = await selectTrainingBackend(['wasm'])
  const root = tempDir()
  const runDir = join(root, 'run')
  const small = resolveConfig('fast', { mode: 'cyclegan', size: 32, ngf: 32, ndf: 8, blocks: 0, steps: 2, recompute: 'off' })
  const spec = await runFolder(root, small)
  const heard: FromWorker[] = []
  await trainRun(runDir, (m) => heard.push(m), () => undefined, backend)
  expect(heard.find((m) => m.type === 'backend')).toMatchObject({ backend: 'wasm', note: expect.stringMatching(/; recompute 'off' as set for this run$/) })
  expect(heard.at(-1)).toMatchObject({ type: 'stopped', reason: 'done', step: 2 })

  // The same networks on 1024² crops: about 1.3 GB of activations per generator pass, six passes kept per step.
  await writeRunSpec(runDir, { ...spec, config: { ...small, size: 1024, steps: 4 } })
  const failure = await trainRun(runDir, () => undefined, () => undefined, backend).then(
    () => undefined,
    (err: unknown) => err
  )
  expect(failure).toBeInstanceOf(StudioError)
  expect((failure as StudioError).code).toBe('out-of-memory')
  expect((failure as StudioError).message).toMatch(/^training ran out of memory on the wasm backend \(its heap is capped at 4 GB\) with recompute 'off': .* its last checkpoint \(step 2\) is kept$/)
  const latest = await new CheckpointStore(runFiles(runDir).checkpoints).latest()
  expect(decodeRunCheckpoint(latest!).trainer.step).toBe(2)
})
