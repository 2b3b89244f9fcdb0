import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TrainingRun } from '../../src-preload/contract'
import { createDispatcher } from '../../src-main/contract-dispatch'
import { decodeImage } from '../../src-main/imaging'
import { applyModel } from '../../src-main/inference/apply-model'
import { createStudio, type Studio } from '../../src-main/studio'
import { tempDir } from '../helpers/temp-dir'
import { checkpointTensors, cli, openStudio, photoFolders, stopped, TINY, value } from './run-fixtures'

let shared: string
let folders: { a: string; b: string }
/** The weights an uninterrupted run reaches, and its library. */
let reference: { runDir: string; run: TrainingRun }
let referenceStudio: Studio

const START = (name: string) => ({ name, data: { mode: 'cyclegan', ...folders }, preset: 'fast', overrides: TINY, sampleEvery: 2, checkpointEvery: 2 })

beforeAll(async () => {
  shared = mkdtempSync(join(tmpdir(), 'gan-studio-runs-'))
  folders = photoFolders(join(shared, 'photos'))
  referenceStudio = createStudio({ libraryRoot: join(shared, 'reference'), door: 'cli' })
  const call = createDispatcher(referenceStudio.handlers)
  let id: string | undefined
  const done = stopped(referenceStudio, () => id)
  const { run } = await value<{ run: TrainingRun }>(call('training:start', START('reference')))
  id = run.id
  reference = { run: await done, runDir: referenceStudio.library.runDir(run.id) }
})

afterAll(async () => {
  await referenceStudio.close()
  rmSync(shared, { recursive: true, force: true })
})

async function expectSameWeightsAsReference(runDir: string): Promise<void> {
  const expected = await checkpointTensors(reference.runDir, TINY.steps)
  const actual = await checkpointTensors(runDir, TINY.steps)
  expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort())
  const bytes = (data: Float32Array) => Buffer.from(data.buffer, data.byteOffset, data.byteLength)
  for (const [name, data] of expected) expect(bytes(actual.get(name)!).equals(bytes(data)), name).toBe(true)
}

describe('training runs', () => {
  it('train to the end in a worker, leaving samples, metrics and a row that lists it', async () => {
    expect(reference.run).toMatchObject({ status: 'done', step: 8, steps: 8, mode: 'cyclegan', data: { countA: 4, countB: 2 } })
    expect(reference.run.backend).toMatch(/^(wasm|cpu|tensorflow)/)
    const call = createDispatcher(referenceStudio.handlers)
    const got = await value<{ metrics: { step: number }[]; samples: { step: number; path: string; diversity: { ratio: Record<string, number> } }[]; progress: { step: number; status: string } }>(
      call('training:get', { id: reference.run.id })
    )
    expect(got.metrics.map((m) => m.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
    expect(got.samples.map((s) => s.step)).toEqual([0, 2, 4, 6, 8])
    expect(Object.keys(got.samples[0]!.diversity.ratio).sort()).toEqual(['AtoB', 'BtoA'])
    expect(got.progress).toMatchObject({ step: 8, status: 'done' })
    const file = referenceStudio.library.mediaFile(got.samples[4]!.path)
    expect(file && readFileSync(file).subarray(1, 4).toString()).toBe('PNG')
    expect(referenceStudio.library.mediaFile(`sample/${reference.run.id}/../../library.sqlite`)).toBeNull()
    expect(referenceStudio.library.mediaFile('sample/000000000000/2.png')).toBeNull()
    const system = await value<{ compute: { training: { backend: string; note: string } } }>(call('settings:system', {}))
    expect(system.compute.training.note).toBe(reference.run.backend)
  })

  it('pauses at a step, resumes to the same weights as a run never paused, and refuses a second run meanwhile', async () => {
    const { studio, call } = openStudio()
    let id: string | undefined
    const firstStop = stopped(studio, () => id)
    const { run } = await value<{ run: TrainingRun }>(call('training:start', START('paused')))
    id = run.id
    const busy = await call('training:start', START('second'))
    expect(busy).toMatchObject({ ok: false, error: { code: 'busy' } })
    while (!existsSync(join(studio.library.runDir(id), 'checkpoints', 'step-2.ckpt'))) await sleep(20)
    const paused = await value<{ run: TrainingRun }>(call('training:pause', { id }))
    expect(await firstStop).toMatchObject({ status: 'paused' })
    expect(paused.run.status).toBe('paused')
    expect(paused.run.step).toBeLessThan(8)
    expect(existsSync(join(studio.library.runDir(id), 'checkpoints', `step-${paused.run.step}.ckpt`))).toBe(true)

    const end = stopped(studio, () => id)
    await value(call('training:resume', { id }))
    expect(await end).toMatchObject({ status: 'done', step: 8 })
    await expectSameWeightsAsReference(studio.library.runDir(id))
    const list = await value<{ runs: TrainingRun[] }>(call('training:list', {}))
    expect(list.runs.map((r) => [r.name, r.status])).toEqual([['paused', 'done']])
  })

  it('resumes after the CLI is SIGKILLed mid-run and reaches the same weights', async () => {
    const library = join(tempDir(), 'library')
    // The CLI has no flags for TINY's network sizes: the run is created in-process, then trained by the CLI.
    const { studio, call } = openStudio(library)
    const { run } = await value<{ run: TrainingRun }>(call('training:start', START('killed')))
    await value(call('training:pause', { id: run.id }))
    await studio.close()

    const first = cli(library, ['train', '--resume', run.id])
    const runDir = join(library, 'runs', run.id)
    // Killed once step 5 is recorded: past the step-4 checkpoint, before the next one, whatever the machine's speed.
    const trainedPast = (step: number): boolean =>
      existsSync(join(runDir, 'metrics.jsonl')) && [...readFileSync(join(runDir, 'metrics.jsonl'), 'utf8').matchAll(/"step":(\d+)/g)].some((m) => Number(m[1]) >= step)
    while (!trainedPast(5)) await sleep(5)
    first.child.kill('SIGKILL')
    expect((await first.output).signal).toBe('SIGKILL')

    const second = cli(library, ['train', '--resume', run.id])
    const result = await second.output
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toMatch(/Resuming "killed" \(\w{12}\) at step [4-7] of 8\./)
    expect(result.stdout).toMatch(/Trained "killed" \(\w{12}\): 8 steps in/)
    await expectSameWeightsAsReference(runDir)
    const metricSteps = readFileSync(join(runDir, 'metrics.jsonl'), 'utf8').trim().split('\n').map((line) => (JSON.parse(line) as { step: number }).step)
    expect(metricSteps).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
  })

  it('gan-studio train: reports the data, Ctrl+C pauses with a checkpoint, --resume --save finishes and adds the model', async () => {
    const library = join(tempDir(), 'library')
    const first = cli(library, ['train', '--a', folders.a, '--b', folders.b, '--name', 'cli run', '--preset', 'fast', '--steps', '3', '--size', '32', '--checkpoint-every', '100'])
    while (!first.lines.some((line) => line.startsWith('Started'))) await sleep(20)
    const id = /\((\w{12})\)/.exec(first.lines.find((line) => line.startsWith('Started'))!)![1]!
    while (!existsSync(join(library, 'runs', id, 'metrics.jsonl'))) await sleep(20)
    first.child.kill('SIGINT')
    const paused = await first.output
    expect(paused.code, paused.stderr).toBe(130)
    expect(paused.stdout).toMatch(/^A .*day: 4 of 4 files usable\nB .*night: 2 of 2 files usable\n/)
    const step = Number(/Paused "cli run" at step (\d) of 3 on \w+; go on with: gan-studio train --resume (\w{12})/.exec(paused.stdout)?.[1])
    expect(step).toBeLessThan(3)
    expect(existsSync(join(library, 'runs', id, 'checkpoints', `step-${step}.ckpt`))).toBe(true)

    const finished = await cli(library, ['train', '--resume', id, '--save']).output
    expect(finished.code, finished.stderr).toBe(0)
    expect(finished.stdout).toMatch(/Trained "cli run" \(\w{12}\): 3 steps in [\d.]+ s on \w+\.\nSaved as model "cli-run-a-b"\./)
    const bad = await cli(library, ['train', '--a', join(library, 'nope'), '--mode', 'colorize', '--name', 'x']).output
    expect([bad.code, bad.stderr.trim()]).toEqual([2, `gan-studio: ${join(library, 'nope')} is not a folder`])
  })

  it('saves a generator as a trained model that lists and applies to a photo', async () => {
    const call = createDispatcher(referenceStudio.handlers)
    const { model } = await value<{ model: { id: string; source: string; pipeline: string; sizeMultiple: number; training: Record<string, unknown>; credits: { work: string }[] } }>(
      call('training:saveModel', { id: reference.run.id, direction: 'BtoA', name: 'Night to day' })
    )
    expect(model).toMatchObject({ id: 'night-to-day', source: 'trained', pipeline: 'rgb', sizeMultiple: 4 })
    expect(model.training).toMatchObject({ runId: reference.run.id, direction: 'BtoA', steps: 8, mode: 'cyclegan' })
    expect(model.credits.map((c) => c.work)).toEqual(['4 training photos', '2 training photos', expect.stringMatching(/CycleGAN and pix2pix/)])
    const { models } = await value<{ models: { id: string }[] }>(call('models:list', {}))
    expect(models.map((m) => m.id)).toContain('night-to-day')
    const run = await value<{ run: TrainingRun }>(call('training:get', { id: reference.run.id }))
    expect(run.run.modelIds).toEqual(['night-to-day'])

    const registry = await referenceStudio.models()
    const image = await decodeImage(join(folders.b, readdirSync(folders.b)[0]!))
    const result = await applyModel({ card: registry.get('night-to-day'), modelPath: registry.modelPath('night-to-day'), image, options: { workingSize: 64 } })
    expect(Math.max(result.image.width, result.image.height)).toBe(64)
    const refused = await call('training:saveModel', { id: 'ffffffffffff' })
    expect(refused).toMatchObject({ ok: false, error: { code: 'not-found' } })
  })

  it('names bad data before starting and checks what crosses the door', async () => {
    const { call } = openStudio()
    const empty = tempDir()
    const refused = await call('training:start', { ...START('bad'), data: { mode: 'cyclegan', a: empty, b: folders.b } })
    expect(refused).toMatchObject({ ok: false, error: { code: 'training-data', message: `${empty} is empty: no files found (hidden files are left out)` } })
    expect(await call('training:start', { ...START('x'), data: { mode: 'cyclegan', a: folders.a } })).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
    expect(await call('training:start', { ...START('x'), overrides: { ...TINY, size: 30 } })).toMatchObject({ ok: false, error: { code: 'invalid-request', message: expect.stringMatching(/multiple of 4/) } })
    expect(await call('training:resume', { id: 'nothex' })).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
  })
})
