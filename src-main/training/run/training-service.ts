import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { mediaPaths, type EventName, type EventOf, type ParsedRequestOf, type ResponseOf, type SystemInfo } from '../../../src-preload/contract'
import { MetricPoint, type TrainingRun } from '../../../src-preload/training-run'
import { StudioError } from '../../common/studio-error'
import type { JobContext, JobRunner } from '../../jobs/job-runner'
import type { Library } from '../../library/library'
import type { ModelRegistry } from '../../models'
import { trainingBackendInfo } from '../backend/expected-backend'
import { tempSiblingPath, writeFileAtomic } from '../../common/atomic-write'
import { resolveConfig, TrainConfigSchema } from '../config'
import { inspectTrainingData } from '../data/inspect-data'
import { checkData, reusableCheck, type CheckedData } from './checked-data'
import type { FromWorker } from '../worker/messages'
import { TrainingWorker } from '../worker/worker-host'
import { JsonLines } from './json-lines'
import { downsample } from './metric-series'
import { fineTuneConfig, fineTuneSource } from './fine-tune-source'
import { pruneSamples, readRunSpec, rowConfig, runFiles, SampleRecord, writeRunSpec, type RunSpec } from './run-folder'
import { RunProgress } from './run-progress'
import { trainedModel } from './trained-card'

type Emit = <E extends EventName>(event: E, payload: EventOf<E>) => void

export interface TrainingServiceOptions {
  library: Library
  models: () => Promise<ModelRegistry>
  jobs: JobRunner
  emit: Emit
}

interface ActiveRun {
  worker?: TrainingWorker
  progress: RunProgress
  /** Settles when the worker has stopped and the run's row says how. */
  stopped: Promise<void>
}

const PROGRESS_INTERVAL_MS = 100
const SAMPLES_LISTED = 20
/** Sample grids kept on disk per run, the newest: older ones are deleted as new ones are written. */
const SAMPLES_KEPT = 50

/** What a resume may change: the steps to train to, and the recompute level. */
export type RunChange = Omit<ParsedRequestOf<'training:resume'>, 'id'>

/** Defaults: about 200 sample grids and 50 checkpoints over a run, at most 500 and 1000 steps apart. */
const everyDefault = (steps: number, parts: number, most: number) => Math.max(1, Math.min(most, Math.round(steps / parts)))

/** Training runs: started, paused, resumed and cancelled one at a time in a worker thread, persisted in the library. */
export class TrainingService {
  private readonly active = new Map<string, ActiveRun>()
  /** A start or resume between its busy check and its launch: it holds the one training slot meanwhile. */
  private claimed: { name: string; runId?: string; settled: Promise<unknown> } | undefined
  /** Saves under way and the run each reads; close waits for them before the library and the registry close. */
  private readonly saving = new Map<Promise<unknown>, string>()
  /** The check of training folders under way; a newer one aborts it. */
  private inspecting: AbortController | undefined
  /** The last finished check, which `start` reuses for the same folders, mode and size while its files are unchanged. */
  private lastInspection: CheckedData | undefined
  private reportedBackend: SystemInfo['compute']['training'] | undefined

  constructor(private readonly o: TrainingServiceOptions) {}

  /** The backend the last run actually got, and why; before any run, the one expected. */
  backendInfo(): SystemInfo['compute']['training'] {
    return this.reportedBackend ?? trainingBackendInfo()
  }

  /** Checks the folders; a check still under way is aborted (its caller hears 'cancelled'): only the newest one counts. */
  async inspect({ data, preset, size }: ParsedRequestOf<'training:inspect'>): Promise<ResponseOf<'training:inspect'>> {
    this.inspecting?.abort()
    const controller = new AbortController()
    this.inspecting = controller
    try {
      this.lastInspection = await checkData(data, size ?? resolveConfig(preset, { mode: data.mode }).size, controller.signal)
      return this.lastInspection.inspection.report
    } catch (err) {
      if (controller.signal.aborted) throw new StudioError('cancelled', 'a newer check of the training folders replaced this one')
      throw err
    } finally {
      if (this.inspecting === controller) this.inspecting = undefined
    }
  }

  async start(request: ParsedRequestOf<'training:start'>): Promise<TrainingRun> {
    return this.withSlot({ name: request.name }, () => this.prepareAndLaunch(request))
  }

  private async prepareAndLaunch(request: ParsedRequestOf<'training:start'>): Promise<TrainingRun> {
    const { name, data, preset, overrides } = request
    const source = request.from && (await fineTuneSource(await this.o.models(), request.from.modelId, data.mode, overrides))
    const config = fineTuneConfig(preset, overrides, data.mode, source?.from)
    const { report, dataset } = (await reusableCheck(this.lastInspection, data, config.size)) ?? (await inspectTrainingData(data, config.size))
    if (!dataset) throw new StudioError('training-data', report.errors.join('; '))
    const id = randomBytes(6).toString('hex')
    const createdAt = new Date().toISOString()
    const spec: RunSpec = {
      version: 1,
      id,
      name,
      preset,
      config,
      data,
      dataset,
      sampleEvery: request.sampleEvery ?? everyDefault(config.steps, 200, 500),
      checkpointEvery: request.checkpointEvery ?? everyDefault(config.steps, 50, 1000),
      createdAt,
      ...(source && { from: source.from })
    }
    // The folder before the row: a crash in between leaves a folder the next open sweeps.
    const dir = this.o.library.runDir(id)
    if (source) await writeFileAtomic(runFiles(dir).source, source.bytes)
    await writeRunSpec(dir, spec)
    const counts = { a: dataset.rootA, countA: dataset.a.length, ...(data.mode !== 'colorize' && { b: dataset.rootB, countB: dataset.b.length }) }
    const run = this.o.library.trainingRuns.insert({
      id, name, mode: data.mode, preset, status: 'running', step: 0, steps: config.steps, config: rowConfig(spec), data: counts,
      backend: null, error: null, modelIds: [], trainingSeconds: 0, createdAt
    })
    this.launch(run)
    return run
  }

  list(): TrainingRun[] {
    return this.o.library.trainingRuns.list()
  }

  async get(id: string): Promise<ResponseOf<'training:get'>> {
    const run = this.o.library.trainingRuns.get(id)
    const files = runFiles(this.o.library.runDir(id))
    const metrics = await new JsonLines(files.metrics, MetricPoint).read()
    const samples = (await new JsonLines(files.sampleLog, SampleRecord).read())
      .filter((record) => existsSync(files.sample(record.step)))
      .slice(-SAMPLES_LISTED)
      .map((record) => ({ ...record, path: mediaPaths.sample(id, record.step) }))
    const active = this.active.get(id)
    const progress = active?.progress.state(run.status) ?? { ...new RunProgress(id, run.step, run.steps).state(run.status), ...(metrics.length && { metric: metrics[metrics.length - 1] }) }
    return { run, metrics: downsample(metrics), samples, progress }
  }

  async pause(id: string): Promise<TrainingRun> {
    return this.stop(id, 'pause')
  }

  async cancel(id: string): Promise<TrainingRun> {
    const run = this.o.library.trainingRuns.get(id)
    if (this.active.has(id)) return this.stop(id, 'cancel')
    if (run.status === 'done' || run.status === 'cancelled') return run
    return this.changed(this.o.library.trainingRuns.update(id, { status: 'cancelled' }))
  }

  /** Deletes a run that is neither training, starting nor being saved: the row first, then its folder. */
  async remove(id: string): Promise<string> {
    const run = this.o.library.trainingRuns.get(id)
    if (this.active.has(id) || this.claimed?.runId === id) throw new StudioError('run-running', `"${run.name}" is training; pause or cancel it before removing it`)
    if ([...this.saving.values()].includes(id)) throw new StudioError('busy', `"${run.name}" is being saved as a model; remove it when that is done`)
    this.o.library.trainingRuns.remove(id)
    await rm(this.o.library.runDir(id), { recursive: true, force: true })
    this.o.emit('training:removed', { id })
    return id
  }

  /** Trains a run on from its latest checkpoint (a failed one too), optionally to more steps or at another recompute level. */
  async resume(id: string, change: RunChange = {}): Promise<TrainingRun> {
    const run = this.o.library.trainingRuns.get(id)
    if (this.active.has(id)) throw new StudioError('run-running', `"${run.name}" is already training`)
    if (run.status === 'cancelled') throw new StudioError('run-cancelled', `"${run.name}" was cancelled; it can still be saved as a model, but not trained further`)
    const target = change.steps ?? run.steps
    if (target <= run.step) throw new StudioError('run-finished', `"${run.name}" has trained ${run.step} steps; give a larger step count to train on`)
    return this.withSlot({ name: run.name, runId: id }, () => this.changeAndLaunch(run, { steps: target, recompute: change.recompute }))
  }

  /** Rewrites the run's spec and row when the steps or the recompute level change (nothing else), then launches it. */
  private async changeAndLaunch(run: TrainingRun, change: { steps: number; recompute: RunChange['recompute'] }): Promise<TrainingRun> {
    const runs = this.o.library.trainingRuns
    const id = run.id
    const dir = this.o.library.runDir(id)
    const spec = await readRunSpec(dir)
    const recompute = change.recompute ?? spec.config.recompute
    if (change.steps !== spec.config.steps || recompute !== spec.config.recompute) {
      const config = TrainConfigSchema.parse({ ...spec.config, steps: change.steps, decayFrom: Math.min(spec.config.decayFrom, change.steps), recompute })
      await writeRunSpec(dir, { ...spec, config })
      run = runs.update(id, { steps: change.steps, config: rowConfig({ ...spec, config }) })
    }
    run = this.changed(runs.update(id, { status: 'running', error: null }))
    this.launch(run)
    return run
  }

  saveModel(request: ParsedRequestOf<'training:saveModel'>): Promise<ResponseOf<'training:saveModel'>> {
    const saved = this.exportAndAdd(request)
    const tracked = saved.catch(() => undefined)
    this.saving.set(tracked, request.id)
    void tracked.finally(() => this.saving.delete(tracked))
    return saved
  }

  private async exportAndAdd({ id, direction, ...request }: ParsedRequestOf<'training:saveModel'>): Promise<ResponseOf<'training:saveModel'>> {
    const run = this.o.library.trainingRuns.get(id)
    if (direction === 'BtoA' && run.mode !== 'cyclegan') throw new StudioError('invalid-request', `a ${run.mode} run trains one generator, A→B`)
    const dir = this.o.library.runDir(id)
    // Each save its own file: two saves at once must not write over, or delete, each other's export.
    const target = tempSiblingPath(runFiles(dir).exported(direction))
    try {
      const worker = new TrainingWorker({ type: 'export', runDir: dir, direction, target }, () => undefined)
      const exported = await worker.ended
      if (exported.type !== 'exported') throw new StudioError('internal', 'the training worker did not export the model')
      const { config, from } = await readRunSpec(dir)
      const { options, provenance } = trainedModel(run, { config, from }, direction, exported.step, request)
      const { card, duplicate } = await (await this.o.models()).addTrained(target, options, provenance)
      if (!duplicate) this.o.emit('models:changed', { reason: 'trained' })
      const latest = this.o.library.trainingRuns.get(id)
      if (!latest.modelIds.includes(card.id)) this.changed(this.o.library.trainingRuns.update(id, { modelIds: [...latest.modelIds, card.id] }))
      return { model: card }
    } finally {
      await rm(target, { force: true })
    }
  }

  /** Pauses every running run (each saves a checkpoint) and waits for them; a start under way launches first, saves under way finish. */
  async close(): Promise<void> {
    await this.claimed?.settled.catch(() => undefined)
    await Promise.all(this.saving.keys())
    await Promise.all([...this.active.keys()].map((id) => this.stop(id, 'pause')))
  }

  private async stop(id: string, reason: 'pause' | 'cancel'): Promise<TrainingRun> {
    const active = this.active.get(id)
    if (!active) {
      const run = this.o.library.trainingRuns.get(id)
      if (reason === 'pause' && run.status !== 'running') return run
      throw new StudioError('run-not-running', `"${run.name}" is not training`)
    }
    active.worker?.stop(reason)
    await active.stopped
    return this.o.library.trainingRuns.get(id)
  }

  /**
   * Runs `prepare` (reads and writes, then `launch`) holding the one training slot from before its first await, so
   * a second start or resume meanwhile is refused as busy; the slot is given back however `prepare` ends.
   */
  private withSlot(holder: { name: string; runId?: string }, prepare: () => Promise<TrainingRun>): Promise<TrainingRun> {
    this.refuseIfBusy()
    const settled = prepare().finally(() => {
      if (this.claimed?.settled === settled) this.claimed = undefined
    })
    this.claimed = { ...holder, settled }
    return settled
  }

  private refuseIfBusy(): void {
    if (this.claimed) throw new StudioError('busy', `"${this.claimed.name}" is starting; wait for it, then pause it first (one run trains at a time)`)
    const [running] = this.active.keys()
    if (running) throw new StudioError('busy', `"${this.o.library.trainingRuns.get(running).name}" is training; pause it first (one run trains at a time)`)
  }

  private launch(run: TrainingRun): void {
    const runs = this.o.library.trainingRuns
    const progress = new RunProgress(run.id, run.step, run.steps)
    let settle = () => {}
    const active: ActiveRun = { progress, stopped: new Promise<void>((resolve) => (settle = resolve)) }
    this.active.set(run.id, active)
    this.o.jobs.start('train', async (ctx) => {
      const pauseOnAbort = () => active.worker?.stop('pause')
      ctx.signal.addEventListener('abort', pauseOnAbort)
      try {
        // Inside the try: a worker that cannot even start (tsx or the entry not found) fails the run and frees the slot.
        const worker = new TrainingWorker({ type: 'train', runDir: this.o.library.runDir(run.id) }, (message) => this.heard(run, message, progress, ctx))
        active.worker = worker
        const end = await worker.ended
        if (end.type === 'stopped') {
          const status = end.reason === 'done' ? 'done' : end.reason === 'cancelled' ? 'cancelled' : 'paused'
          this.changed(runs.update(run.id, { status, step: end.step, trainingSeconds: end.trainingMs / 1000 }))
        }
        // Cancelling the job pauses the run: its steps are kept, so the job is done, not cancelled.
        return { kept: true }
      } catch (err) {
        this.changed(runs.update(run.id, { status: 'failed', error: err instanceof Error ? err.message : String(err) }))
        throw err
      } finally {
        ctx.signal.removeEventListener('abort', pauseOnAbort)
        this.active.delete(run.id)
        settle()
        this.o.emit('training:progress', progress.state(runs.get(run.id).status))
      }
    })
  }

  private heard(run: TrainingRun, message: FromWorker, progress: RunProgress, ctx: JobContext): void {
    const runs = this.o.library.trainingRuns
    switch (message.type) {
      case 'backend':
        this.reportedBackend = { backend: message.backend, note: message.note }
        this.changed(runs.update(run.id, { backend: message.note }))
        return
      case 'started':
        progress.step = message.step
        progress.steps = message.steps
        this.o.emit('training:progress', progress.state('running'))
        return
      case 'step':
        progress.record(message.metric)
        ctx.progress(message.metric.step, progress.steps, run.name)
        if (progress.due(PROGRESS_INTERVAL_MS) || message.metric.step === progress.steps) this.o.emit('training:progress', progress.state('running'))
        return
      case 'sample':
        void pruneSamples(this.o.library.runDir(run.id), SAMPLES_KEPT).catch((err: unknown) => console.error(`pruning the samples of run ${run.id} failed:`, err))
        this.o.emit('training:sample', { runId: run.id, step: message.step, path: mediaPaths.sample(run.id, message.step), diversity: message.diversity })
        return
      case 'checkpoint':
        this.changed(runs.update(run.id, { step: message.step, trainingSeconds: message.trainingMs / 1000 }))
        return
      default:
        return
    }
  }

  private changed(run: TrainingRun): TrainingRun {
    this.o.emit('training:changed', { run })
    return run
  }
}
