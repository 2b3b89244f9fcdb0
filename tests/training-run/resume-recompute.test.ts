import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TrainingRun } from '../../src-preload/contract'
import { createDispatcher } from '../../src-main/contract-dispatch'
import { createStudio, type Studio } from '../../src-main/studio'
import { readRunSpec } from '../../src-main/training/run/run-folder'
import { tempDir } from '../helpers/temp-dir'
import { checkpointTensors, cli, openStudio, photoFolders, stopped, TINY, value } from './run-fixtures'

/** Recompute only trades memory for time: a run may go on at another level and reach the weights it would have reached. */

let shared: string
let folders: { a: string; b: string }
/** The run folder of an uninterrupted run at recompute 'off'. */
let referenceDir: string
let referenceStudio: Studio

const OFF = { ...TINY, recompute: 'off' }
const START = (name: string, overrides: Record<string, unknown> = OFF) => ({ name, data: { mode: 'cyclegan', ...folders }, preset: 'fast', overrides, sampleEvery: 2, checkpointEvery: 2 })

/** Starts a run and resolves with its row once it stops. */
async function train(studio: Studio, request: ReturnType<typeof START>): Promise<TrainingRun> {
  let id: string | undefined
  const end = stopped(studio, () => id)
  id = (await value<{ run: TrainingRun }>(createDispatcher(studio.handlers)('training:start', request))).run.id
  return end
}

async function expectReferenceWeights(runDir: string): Promise<void> {
  const expected = await checkpointTensors(referenceDir, TINY.steps)
  const actual = await checkpointTensors(runDir, TINY.steps)
  expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort())
  for (const [name, data] of expected) {
    const got = actual.get(name)!
    const worst = data.reduce((most, x, i) => Math.max(most, Math.abs(x - got[i]!)), 0)
    expect(worst, name).toBeLessThanOrEqual(1e-5)
  }
}

beforeAll(async () => {
  shared = mkdtempSync(join(tmpdir(), 'gan-studio-recompute-'))
  folders = photoFolders(join(shared, 'photos'))
  referenceStudio = createStudio({ libraryRoot: join(shared, 'reference'), door: 'cli' })
  const run = await train(referenceStudio, START('reference'))
  expect(run).toMatchObject({ status: 'done', step: TINY.steps })
  referenceDir = referenceStudio.library.runDir(run.id)
})

afterAll(async () => {
  await referenceStudio.close()
  rmSync(shared, { recursive: true, force: true })
})

describe('resuming a run at another recompute level', () => {
  it("a run paused at recompute 'off' goes on at 'generator' to the weights of a run never paused", async () => {
    const { studio, call } = openStudio()
    let id: string | undefined
    const paused = stopped(studio, () => id)
    id = (await value<{ run: TrainingRun }>(call('training:start', START('paused')))).run.id
    while (!existsSync(join(studio.library.runDir(id), 'checkpoints', 'step-2.ckpt'))) await sleep(20)
    await value(call('training:pause', { id }))
    const pausedRun = await paused
    expect(pausedRun.status).toBe('paused')
    expect(pausedRun.step).toBeLessThan(TINY.steps)

    const end = stopped(studio, () => id)
    const resumed = await value<{ run: TrainingRun }>(call('training:resume', { id, recompute: 'generator' }))
    expect(resumed.run.config).toMatchObject({ recompute: 'generator', steps: TINY.steps, ngf: TINY.ngf })
    const done = await end
    expect(done).toMatchObject({ status: 'done', step: TINY.steps })
    expect(done.backend).toMatch(/recompute 'generator' as set for this run$/)
    const spec = await readRunSpec(studio.library.runDir(id))
    expect(spec.config).toMatchObject({ recompute: 'generator', decayFrom: TINY.decayFrom, size: TINY.size })
    await expectReferenceWeights(studio.library.runDir(id))
    expect(await call('training:resume', { id, recompute: 'lots' })).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
  })

  it("a failed run is resumed by gan-studio train --resume --recompute generator from its last checkpoint", async () => {
    const library = join(tempDir(), 'library')
    const { studio } = openStudio(library)
    // Trained at 'off' to step 4 of 4 (the learning rate is still constant there, as in the 8-step reference), then
    // marked failed through the runs repo as an out-of-memory failure leaves it: a real overflow takes minutes.
    const half = await train(studio, START('failed', { ...OFF, steps: 4, decayFrom: 4 }))
    expect(half).toMatchObject({ status: 'done', step: 4 })
    studio.library.trainingRuns.update(half.id, { status: 'failed', error: "training ran out of memory on the wasm backend (its heap is capped at 4 GB) with recompute 'off'" })
    await studio.close()

    const badLevel = await cli(library, ['train', '--resume', half.id, '--recompute', 'lots']).output
    expect([badLevel.code, badLevel.stderr.trim()]).toEqual([2, 'gan-studio: --recompute: expected auto, off, blocks, generator, got "lots"'])
    const resumed = await cli(library, ['train', '--resume', half.id, '--steps', String(TINY.steps), '--recompute', 'generator']).output
    expect(resumed.code, resumed.stderr).toBe(0)
    expect(resumed.stdout).toMatch(/Resuming "failed" \(\w{12}\) at step 4 of 8\./)
    expect(resumed.stdout).toMatch(/Trained "failed" \(\w{12}\): 8 steps in/)
    const runDir = join(library, 'runs', half.id)
    expect((await readRunSpec(runDir)).config).toMatchObject({ recompute: 'generator', steps: 8, decayFrom: 4 })
    await expectReferenceWeights(runDir)
  })
})
