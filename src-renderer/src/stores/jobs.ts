import type { ImportReport, JobState } from '@contract'
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

const EMPTY_REPORT: ImportReport = { imported: [], duplicates: [], failed: [] }
const REMEMBERED_STATES = 20

/** The import in progress (at most one at a time) and the report of the last one. */
export const useJobsStore = defineStore('jobs', () => {
  const active = ref<ActiveImport | null>(null)
  const finished = ref<FinishedImport | null>(null)
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

  function hear(state: JobState): void {
    if (state.kind !== 'import') return
    if (active.value?.jobId === state.jobId) return follow(state)
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

  return { active, finished, startImport, cancel, resync, dismissReport }
})
