import { getBackend } from '@tensorflow/tfjs'
import { mkdir, rm } from 'node:fs/promises'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { MetricPoint } from '../../../src-preload/training-run'
import { writeFileAtomic } from '../../common/atomic-write'
import type { StudioError } from '../../common/studio-error'
import { encodeImage } from '../../imaging'
import { CheckpointStore } from '../checkpoints/checkpoint-store'
import { decodeRunCheckpoint, encodeRunCheckpoint } from '../checkpoints/snapshot-codec'
import { Sampler } from '../data/sampler'
import type { TrainingBackend } from '../backend/candidates'
import { createTrainer, type Trainer } from '../trainer'
import type { FromWorker } from '../worker/messages'
import { outOfMemoryError } from '../worker/out-of-memory'
import { fineTuneWeights } from './fine-tune-source'
import { JsonLines } from './json-lines'
import { readRunSpec, runFiles, SampleRecord, type RunSpec } from './run-folder'
import { diversity, sampleGrid, type SampleSet } from './sample-grid'

/** Fixed inputs per side shown in the sample grids. */
const SAMPLE_ROWS = 4

export type StopRequest = 'pause' | 'cancel' | undefined

/**
 * Trains the run in `runDir` to its configured steps from its newest readable checkpoint, appending a metric per
 * step, a sample grid every `sampleEvery` steps and a checkpoint every `checkpointEvery` steps and when asked to
 * stop. Records past the checkpoint it starts from (left by a kill) are dropped first, so the logs match the
 * weights. Deterministic: the same run resumed anywhere reaches the same weights as one never stopped.
 * `backend`, the one selected, is reported again with the recompute level the trainer chose on it. Running out of memory
 * ends the run with an error saying so, leaving its last checkpoint as it was.
 */
export async function trainRun(runDir: string, post: (message: FromWorker) => void, stopRequested: () => StopRequest, backend?: TrainingBackend): Promise<void> {
  const spec = await readRunSpec(runDir)
  const files = runFiles(runDir)
  const store = new CheckpointStore(files.checkpoints)
  await store.sweep()
  const latest = await store.latest()
  const saved = latest && decodeRunCheckpoint(latest)
  const { config } = spec
  // No checkpoint yet (a new run, or one killed before its first): a fine-tuned run starts from its model again.
  const init = saved ? { snapshot: saved.trainer } : spec.from ? { generatorWeights: await fineTuneWeights(files.source, spec.from, config) } : {}
  const trainer = await createTrainer(config, init)
  if (backend) post({ type: 'backend', backend: backend.backend, note: `${backend.note}; ${trainer.recompute.reason}` })
  let checkpointed = latest ? trainer.step : -1
  let outOfMemory: StudioError | undefined
  try {
    const sampler = new Sampler(spec.dataset, config.size, saved?.sampler ?? { seed: config.seed })
    const metrics = new JsonLines(files.metrics, MetricPoint)
    const samples = new JsonLines(files.sampleLog, SampleRecord)
    await mkdir(files.samples, { recursive: true })
    await metrics.keepUpTo(trainer.step)
    await dropSamplesAfter(trainer.step, samples, files)
    const fixed = await sampler.fixedInputs(SAMPLE_ROWS)
    let trainingMs = saved?.trainingMs ?? 0
    const checkpoint = async () => {
      await store.save(trainer.step, encodeRunCheckpoint({ trainer: await trainer.snapshot(), sampler: sampler.state(), trainingMs }))
      checkpointed = trainer.step
      post({ type: 'checkpoint', step: trainer.step, trainingMs })
    }
    const sample = async () => {
      const record = await writeSample(spec, trainer, fixed, files.sample(trainer.step))
      await samples.append(record)
      post({ type: 'sample', ...record })
    }

    post({ type: 'started', step: trainer.step, steps: config.steps })
    if (trainer.step === 0) await sample()
    let stop: StopRequest
    while (trainer.step < config.steps) {
      // Lets the worker hear a stop between steps: the step itself never yields to the event loop.
      await nextTurn()
      if ((stop = stopRequested())) break
      const stats = await trainer.trainStep(await sampler.next())
      trainingMs += stats.ms
      const metric: MetricPoint = { step: trainer.step, losses: stats.losses, dReal: stats.dReal, dFake: stats.dFake, lr: stats.lr, ms: stats.ms }
      await metrics.append(metric)
      post({ type: 'step', metric })
      if (trainer.step % spec.sampleEvery === 0 || trainer.step === config.steps) await sample()
      if (trainer.step % spec.checkpointEvery === 0) await checkpoint()
    }
    if (trainer.step !== checkpointed) await checkpoint()
    post({ type: 'stopped', reason: stop === 'pause' ? 'paused' : stop === 'cancel' ? 'cancelled' : 'done', step: trainer.step, trainingMs })
  } catch (err) {
    const context = { runId: spec.id, backend: backend?.backend ?? getBackend(), level: trainer.recompute.level, ...(checkpointed >= 0 && { checkpointed }) }
    outOfMemory = outOfMemoryError(err, context)
    throw outOfMemory ?? err
  } finally {
    // A wasm instance that ran out of memory is unusable; it ends with the worker.
    if (!outOfMemory) trainer.dispose()
  }
}

async function dropSamplesAfter(step: number, log: JsonLines<{ step: number }>, files: ReturnType<typeof runFiles>): Promise<void> {
  const all = await log.read()
  await log.keepUpTo(step)
  for (const record of all) if (record.step > step) await rm(files.sample(record.step), { force: true })
}

async function writeSample(spec: RunSpec, trainer: Trainer, fixed: { a: Float32Array[]; b: Float32Array[] }, path: string): Promise<SampleRecord> {
  const { mode, size } = spec.config
  const run = (inputs: Float32Array[], direction: 'AtoB' | 'BtoA') => Promise.all(inputs.map((input) => trainer.translate(input, size, size, direction)))
  const set: SampleSet = { ...fixed, aToB: await run(fixed.a, 'AtoB'), bToA: mode === 'cyclegan' ? await run(fixed.b, 'BtoA') : [] }
  const grid = sampleGrid(mode, size, set)
  await writeFileAtomic(path, await encodeImage({ ...grid, channels: 3, depth: 8 }, { format: 'png' }))
  return { step: trainer.step, diversity: diversity(mode, trainer.step, set) }
}
