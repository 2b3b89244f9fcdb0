/** Long work the core runs as jobs (imports, applying a model): what starts one and what its events carry. Part of the contract. */
import { z } from 'zod'
import { ApplyOutcome } from './image-version'

const RowId = z.number().int().positive()

export const ImportSource = z.object({
  path: z.string().min(1).max(4096),
  /** Display name (e.g. the path inside a dropped folder); defaults to the file's base name. */
  name: z.string().min(1).max(1024).optional()
})
export type ImportSource = z.infer<typeof ImportSource>

export const ImportReport = z.object({
  imported: z.array(z.object({ id: RowId, name: z.string() })),
  duplicates: z.array(z.object({ name: z.string(), existingId: RowId })),
  failed: z.array(z.object({ name: z.string(), code: z.string(), reason: z.string() }))
})
export type ImportReport = z.infer<typeof ImportReport>

/** 'train': a training run's stretch in a worker; `done`/`total` are its step and step count. */
export const JobKind = z.enum(['import', 'apply', 'train'])
export const JobStatus = z.enum(['running', 'done', 'cancelled', 'failed'])
export const JobState = z.object({
  jobId: z.string(),
  kind: JobKind,
  status: JobStatus,
  done: z.number().int(),
  total: z.number().int(),
  current: z.string().optional(),
  error: z.string().optional(),
  /** An import's report. */
  report: ImportReport.optional(),
  /** An apply's new version. */
  result: ApplyOutcome.optional()
})
export type JobState = z.infer<typeof JobState>
