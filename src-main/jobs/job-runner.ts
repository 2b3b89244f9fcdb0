import { randomUUID } from 'node:crypto'
import type { JobState } from '../../src-preload/contract'
import { StudioError } from '../common/studio-error'

export interface JobContext {
  signal: AbortSignal
  progress(done: number, total: number, current?: string): void
}

type JobKind = JobState['kind']
/**
 * What a job hands back when its work ends: an import's report, an apply's result. `kept`: the work answered a
 * cancel by stopping with nothing lost (a training run paused at a checkpoint), so the job ends 'done'.
 */
export type JobOutput = Pick<JobState, 'report' | 'result'> & { kept?: boolean }
type JobListener = (event: 'jobs:progress' | 'jobs:finished', state: JobState) => void

const PROGRESS_INTERVAL_MS = 100
const FINISHED_KEPT = 50

/** Runs long work off the request path: progress events, cancel, a final report or result. */
export class JobRunner {
  private readonly jobs = new Map<string, { state: JobState; controller: AbortController; lastEmit: number }>()
  private readonly running = new Set<Promise<void>>()

  constructor(private readonly emit: JobListener) {}

  start(kind: JobKind, work: (ctx: JobContext) => Promise<JobOutput>): string {
    const jobId = randomUUID()
    const controller = new AbortController()
    const entry = { state: { jobId, kind, status: 'running', done: 0, total: 0 } as JobState, controller, lastEmit: 0 }
    this.jobs.set(jobId, entry)
    const ctx: JobContext = {
      signal: controller.signal,
      progress: (done, total, current) => {
        entry.state = { ...entry.state, done, total, current }
        const now = Date.now()
        if (now - entry.lastEmit >= PROGRESS_INTERVAL_MS || done === total) {
          entry.lastEmit = now
          this.emit('jobs:progress', entry.state)
        }
      }
    }
    this.emit('jobs:progress', entry.state)
    const settled = work(ctx).then(
      ({ kept, ...output }) => this.finish(entry, { status: controller.signal.aborted && !kept ? 'cancelled' : 'done', ...output }),
      (err: unknown) =>
        controller.signal.aborted
          ? this.finish(entry, { status: 'cancelled' })
          : this.finish(entry, { status: 'failed', error: err instanceof StudioError ? err.message : 'the job failed unexpectedly' }, err)
    )
    this.running.add(settled)
    void settled.finally(() => this.running.delete(settled))
    return jobId
  }

  cancel(jobId: string): boolean {
    const entry = this.jobs.get(jobId)
    if (!entry || entry.state.status !== 'running') return false
    entry.controller.abort()
    return true
  }

  list(): JobState[] {
    return [...this.jobs.values()].map((j) => j.state)
  }

  /** Cancels every running job and resolves once all of them have stopped. */
  async cancelAll(): Promise<void> {
    for (const id of this.jobs.keys()) this.cancel(id)
    await Promise.all(this.running)
  }

  private finish(entry: { state: JobState }, outcome: Partial<JobState>, err?: unknown): void {
    if (err && !(err instanceof StudioError)) console.error(`job ${entry.state.jobId} failed:`, err)
    entry.state = { ...entry.state, ...outcome, current: undefined }
    this.emit('jobs:finished', entry.state)
    this.forgetOldFinished()
  }

  private forgetOldFinished(): void {
    const finished = [...this.jobs.entries()].filter(([, j]) => j.state.status !== 'running')
    for (const [id] of finished.slice(0, Math.max(0, finished.length - FINISHED_KEPT))) this.jobs.delete(id)
  }
}
