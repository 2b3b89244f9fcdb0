import type { RunStatus, TrainingRun } from '../../src-preload/training-run'
import { StudioError } from '../common/studio-error'
import type { Db } from './database'

interface Row {
  id: string
  name: string
  mode: TrainingRun['mode']
  preset: TrainingRun['preset']
  status: RunStatus
  step: number
  steps: number
  config: string
  data: string
  backend: string | null
  error: string | null
  model_ids: string
  training_ms: number
  created_at: string
  updated_at: string
}

export type RunChanges = Partial<Pick<TrainingRun, 'status' | 'step' | 'steps' | 'config' | 'backend' | 'error' | 'modelIds' | 'trainingSeconds'>>

const fromRow = (row: Row): TrainingRun => ({
  id: row.id,
  name: row.name,
  mode: row.mode,
  preset: row.preset,
  status: row.status,
  step: row.step,
  steps: row.steps,
  config: JSON.parse(row.config) as TrainingRun['config'],
  data: JSON.parse(row.data) as TrainingRun['data'],
  backend: row.backend,
  error: row.error,
  modelIds: JSON.parse(row.model_ids) as string[],
  trainingSeconds: row.training_ms / 1000,
  createdAt: row.created_at,
  updatedAt: row.updated_at
})

/** The catalogue of training runs; each run's files live in `<library>/runs/<id>/`. */
export class TrainingRunsRepo {
  constructor(private readonly db: Db) {}

  insert(run: Omit<TrainingRun, 'updatedAt'>): TrainingRun {
    this.db
      .prepare(
        `INSERT INTO training_runs (id, name, mode, preset, status, step, steps, config, data, backend, error, model_ids, training_ms, created_at, updated_at)
         VALUES (@id, @name, @mode, @preset, @status, @step, @steps, @config, @data, @backend, @error, @modelIds, @trainingMs, @createdAt, @createdAt)`
      )
      .run({ ...run, config: JSON.stringify(run.config), data: JSON.stringify(run.data), modelIds: JSON.stringify(run.modelIds), trainingMs: run.trainingSeconds * 1000 })
    return this.get(run.id)
  }

  get(id: string): TrainingRun {
    const row = this.db.prepare('SELECT * FROM training_runs WHERE id = ?').get(id) as Row | undefined
    if (!row) throw new StudioError('not-found', `No training run "${id}"; it may have been removed.`)
    return fromRow(row)
  }

  list(): TrainingRun[] {
    return (this.db.prepare('SELECT * FROM training_runs ORDER BY created_at DESC, id').all() as Row[]).map(fromRow)
  }

  ids(): Set<string> {
    return new Set((this.db.prepare('SELECT id FROM training_runs').pluck().all() as string[]))
  }

  update(id: string, changes: RunChanges): TrainingRun {
    const columns: Record<string, unknown> = {}
    if (changes.status !== undefined) columns.status = changes.status
    if (changes.step !== undefined) columns.step = changes.step
    if (changes.steps !== undefined) columns.steps = changes.steps
    if (changes.config !== undefined) columns.config = JSON.stringify(changes.config)
    if (changes.backend !== undefined) columns.backend = changes.backend
    if (changes.error !== undefined) columns.error = changes.error
    if (changes.modelIds !== undefined) columns.model_ids = JSON.stringify(changes.modelIds)
    if (changes.trainingSeconds !== undefined) columns.training_ms = changes.trainingSeconds * 1000
    const assignments = Object.keys(columns).map((column) => `${column} = @${column}`)
    this.db.prepare(`UPDATE training_runs SET ${[...assignments, 'updated_at = @now'].join(', ')} WHERE id = @id`).run({ ...columns, now: new Date().toISOString(), id })
    return this.get(id)
  }

  /** Deletes the row, in a transaction; the caller removes the folder after (a crash between: the next open sweeps it). */
  remove(id: string): void {
    this.db.transaction(() => {
      if (this.db.prepare('DELETE FROM training_runs WHERE id = ?').run(id).changes === 0) throw new StudioError('not-found', `No training run "${id}"; it may have been removed.`)
    })()
  }

  /** At open: a run still marked running was stopped by a crash or a kill; it resumes from its last checkpoint. */
  markInterrupted(): void {
    this.db.prepare("UPDATE training_runs SET status = 'interrupted', updated_at = ? WHERE status = 'running'").run(new Date().toISOString())
  }
}
