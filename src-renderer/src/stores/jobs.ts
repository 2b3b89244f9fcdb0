import type { ApplyOutcome, ImportReport, JobState, RequestOf } from '@contract'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { importFiles, studio, type FileToImport } from '../api'

interface ActiveImport {
  /** uploading: files travel to the bridge server; starting: waiting for the job id; importing: the job runs. */
  phase: 'uploading' | 'starting' | 'importing'
  jobId: string | null
  done: number
  total: number
  current: string
  cancelling: boolean
}

interface FinishedImport {
  status: 'done' | 'cancelled' | 'failed'
  report: ImportReport
  error?: string
}

interface ActiveApply {
  jobId: string | null
  done: number
  total: number
  cancelling: boolean
}

export interface FinishedApply {
  status: 'done' | 'cancelled' | 'failed'
  outcome?: ApplyOutcome
  error?: string
}

const EMPTY_REPORT: ImportReport = { imported: [], duplicates: [], failed: [] }
const REMEMBERED_STATES = 20

/**
 * The import in progress (at most one at a time) and the report of the last one; the model being applied
 * (at most one at a time) and how it ended.
 */
export const useJobsStore = defineStore('jobs', () => {
  const active = ref<ActiveImport | null>(null)
  const finished = ref<FinishedImport | null>(null)
  const applying = ref<ActiveApply | null>(null)
  let settleApply: ((finished: FinishedApply) => void) | null = null
  /** Events can overtake the reply that names their job: remember the latest state of jobs we do not follow yet. */
  const early = new Map<string, JobState>()
  let controller: AbortController | null = null
  let uploadFailures: ImportReport['failed'] = []

  function finish(status: FinishedImport['status'], report: ImportReport = EMPTY_REPORT, error?: string): void {
    finished.value = { status, error, report: { ...report, failed: [...uploadFailures, ...report.failed] } }
    active.value = null
    controller = null
    uploadFailures = []
  }

  function follow(state: JobState): void {
    const job = active.value
    if (!job || job.jobId !== state.jobId) return
    if (state.status === 'running') Object.assign(job, { phase: 'importing', done: state.done, total: state.total, current: state.current ?? '' })
    else finish(state.status, state.report, state.error)
  }

  function followApply(state: JobState): void {
    const job = applying.value
    if (!job || job.jobId !== state.jobId) return
    if (state.status === 'running') return void Object.assign(job, { done: state.done, total: state.total })
    applying.value = null
    settleApply?.({ status: state.status, outcome: state.result, error: state.error })
    settleApply = null
  }

  function hear(state: JobState): void {
    if (state.kind === 'import' && active.value?.jobId === state.jobId) return follow(state)
    if (state.kind === 'apply' && applying.value?.jobId === state.jobId) return followApply(state)
    early.set(state.jobId, state)
    if (early.size > REMEMBERED_STATES) early.delete(early.keys().next().value as string)
  }

  async function startImport(files: FileToImport[], projectId?: number): Promise<void> {
    if (active.value || files.length === 0) return
    controller = new AbortController()
    const signal = controller.signal
    finished.value = null
    active.value = { phase: 'starting', jobId: null, done: 0, total: files.length, current: '', cancelling: false }
    const job = active.value
    try {
      const started = await importFiles(files, projectId, {
        signal,
        onUpload: (done, total, current) => Object.assign(job, { phase: 'uploading', done, total, current })
      })
      uploadFailures = started.failed
      if (!started.jobId) return finish(signal.aborted ? 'cancelled' : 'done')
      Object.assign(job, { phase: 'importing', jobId: started.jobId, done: 0, current: '' })
      if (signal.aborted) void studio.jobs.cancel({ jobId: started.jobId })
      const seen = early.get(started.jobId)
      if (seen) follow(seen)
    } catch (err) {
      finish('failed', EMPTY_REPORT, err instanceof Error ? err.message : String(err))
    }
  }

  /** Starts applying a model and resolves once the job has ended, however it ended; null when one is already running. */
  async function runApply(request: RequestOf<'inference:apply'>): Promise<FinishedApply | null> {
    if (applying.value) return null
    const job: ActiveApply = { jobId: null, done: 0, total: 0, cancelling: false }
    applying.value = job
    const ended = new Promise<FinishedApply>((resolve) => (settleApply = resolve))
    try {
      job.jobId = (await studio.inference.apply(request)).jobId
    } catch (err) {
      applying.value = null
      settleApply = null
      throw err
    }
    if (job.cancelling) void studio.jobs.cancel({ jobId: job.jobId })
    const seen = early.get(job.jobId)
    if (seen) followApply(seen)
    return ended
  }

  async function cancelApply(): Promise<void> {
    const job = applying.value
    if (!job || job.cancelling) return
    job.cancelling = true
    if (job.jobId) await studio.jobs.cancel({ jobId: job.jobId })
  }

  async function cancel(): Promise<void> {
    const job = active.value
    if (!job || job.cancelling) return
    job.cancelling = true
    controller?.abort()
    if (job.jobId) await studio.jobs.cancel({ jobId: job.jobId })
  }

  /** After a reload or a lost connection: follow our job's real state, or pick up an import still running. */
  async function resync(): Promise<void> {
    const jobs = (await studio.jobs.list({})).jobs
    const applyJob = applying.value?.jobId && jobs.find((j) => j.jobId === applying.value?.jobId)
    if (applyJob) followApply(applyJob)
    else if (applying.value?.jobId) followApply({ jobId: applying.value.jobId, kind: 'apply', status: 'failed', done: 0, total: 0, error: 'lost-track' })
    const job = active.value
    if (job?.jobId) {
      const state = jobs.find((j) => j.jobId === job.jobId)
      if (state) follow(state)
      else finish('failed', EMPTY_REPORT, 'lost-track')
      return
    }
    const running = jobs.find((j) => j.kind === 'import' && j.status === 'running')
    if (running && !job) active.value = { phase: 'importing', jobId: running.jobId, done: running.done, total: running.total, current: running.current ?? '', cancelling: false }
  }

  function dismissReport(): void {
    finished.value = null
  }

  studio.on('jobs:progress', hear)
  studio.on('jobs:finished', hear)

  return { active, finished, applying, startImport, cancel, runApply, cancelApply, resync, dismissReport }
})
