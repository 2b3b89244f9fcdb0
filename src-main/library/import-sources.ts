import { rm, stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { ImportReport, ImportSource } from '../../src-preload/contract'
import { moveIntoPlace, writeFileAtomic } from '../common/atomic-write'
import { isInside } from '../common/paths'
import { StudioError } from '../common/studio-error'
import { inspectWithThumbnail } from '../imaging'
import { storedExtension, type BlobStore } from './blob-store'
import { copyAndHash } from './copy-and-hash'
import type { Db } from './database'
import { importFailure } from './import-failure'
import type { ImagesRepo } from './images-repo'
import type { ProjectsRepo } from './projects-repo'
import { expandSources, type SourceFile } from './walk-sources'

const MAX_IMPORT_BYTES = 2 * 1024 ** 3

/** Files decoded at once: sharp decodes a JPEG on one thread, so two keep both cores of a small machine busy. */
export const FILES_IN_FLIGHT = 2

export interface ImportContext {
  db: Db
  images: ImagesRepo
  projects: ProjectsRepo
  store: BlobStore
  maxPixels?: number
  /** False once the library is closing: the batch stops before the next file. */
  isOpen(): boolean
}

export interface ImportOptions {
  projectId?: number
  signal?: AbortSignal
  onProgress?: (done: number, total: number, current?: string) => void
}

type Outcome = { imported: number } | { duplicateOf: number }

/**
 * Imports files, two at a time, going on past bad ones. Each file is hashed, checked against the library,
 * validated, copied into the blob store with its thumbnail, and only then given its row, so a crash at
 * any point leaves either a complete image or files the next open sweeps away.
 * Callers must not run two imports at once on the same library (the facade queues them).
 */
export async function importSources(ctx: ImportContext, sources: readonly ImportSource[], options: ImportOptions = {}): Promise<ImportReport> {
  const { projectId, signal, onProgress } = options
  if (projectId !== undefined) ctx.projects.get(projectId)
  const report: ImportReport = { imported: [], duplicates: [], failed: [] }
  const isStaged = (path: string): boolean => isInside(ctx.store.stagingDir, path)
  try {
    const { files, failed } = await expandSources(sources, signal)
    report.failed.push(...failed)
    onProgress?.(0, files.length)
    const batch = new Map<string, Promise<Outcome>>()
    const turns = files.map(() => {
      let resolve!: () => void
      return { promise: new Promise<void>((r) => (resolve = r)), resolve: () => resolve() }
    })
    const outcomes: Array<Outcome | { failed: ImportReport['failed'][number] }> = []
    let next = 0
    let done = 0
    const work = async () => {
      while (next < files.length && !signal?.aborted && ctx.isOpen()) {
        const index = next++
        const file = files[index]!
        const afterPrevious = index > 0 ? turns[index - 1]!.promise : Promise.resolve()
        try {
          outcomes[index] = await importFile(ctx, file, { staged: isStaged(file.path), batch, afterPrevious, projectId })
        } catch (err) {
          outcomes[index] = { failed: importFailure(file.name, err) }
        }
        turns[index]!.resolve()
        if (isStaged(file.path)) await rm(file.path, { force: true })
        onProgress?.(++done, files.length, file.name)
      }
    }
    await Promise.all(Array.from({ length: FILES_IN_FLIGHT }, work))
    outcomes.forEach((outcome, index) => {
      const name = files[index]!.name
      if ('imported' in outcome) report.imported.push({ id: outcome.imported, name })
      else if ('duplicateOf' in outcome) report.duplicates.push({ name, existingId: outcome.duplicateOf })
      else report.failed.push(outcome.failed)
    })
  } finally {
    // Staged uploads the loop never reached (a cancel, a failed walk) are not coming back either.
    for (const source of sources) if (isStaged(source.path)) await rm(source.path, { recursive: true, force: true })
  }
  return report
}

interface FileTurn {
  staged: boolean
  /** This import's files by sha256, so two copies in one batch are one import and one duplicate. */
  batch: Map<string, Promise<Outcome>>
  /** Settles when the file before this one is done: rows are written in the sources' order. */
  afterPrevious: Promise<void>
  projectId?: number
}

async function importFile(ctx: ImportContext, file: SourceFile, turn: FileTurn): Promise<Outcome> {
  const { size } = await stat(file.path)
  if (size > MAX_IMPORT_BYTES) {
    throw new StudioError('too-large', `the file is ${(size / 1024 ** 3).toFixed(1)} GB; files over 2 GB cannot be imported`)
  }
  const copy = ctx.store.incomingPath()
  const { sha256, bytes } = await copyAndHash(file.path, copy)
  const twin = turn.batch.get(sha256)
  if (twin) {
    await rm(copy, { force: true })
    const outcome = await twin
    return { duplicateOf: 'imported' in outcome ? outcome.imported : outcome.duplicateOf }
  }
  const outcome = storeNew(ctx, file, { copy, sha256, bytes }, turn)
  turn.batch.set(sha256, outcome)
  return outcome
}

/** `copy` is the source's bytes, already in the library's folder under a temporary name. */
async function storeNew(ctx: ImportContext, file: SourceFile, { copy, sha256, bytes }: { copy: string; sha256: string; bytes: number }, { staged, afterPrevious, projectId }: FileTurn): Promise<Outcome> {
  let ext: string | undefined
  try {
    const existing = keepDuplicate(ctx, sha256, projectId)
    if (existing !== undefined) return { duplicateOf: existing }
    const { info, thumbnail } = await inspectWithThumbnail(copy, undefined, { maxPixels: ctx.maxPixels })
    ext = storedExtension(info.format)
    await writeFileAtomic(ctx.store.thumbPath(sha256), thumbnail)
    await moveIntoPlace(copy, ctx.store.originalPath(sha256, ext))
    await afterPrevious
    if (!ctx.isOpen()) throw new StudioError('closed', 'the library was closed during the import')
    const id = ctx.db.transaction(() => {
      const newId = ctx.images.insert(
        {
          sha256,
          name: file.name,
          ext: ext!,
          width: info.width,
          height: info.height,
          format: info.format,
          space: info.space,
          depth: info.depth,
          hasAlpha: info.hasAlpha,
          bytes,
          sourcePath: staged ? null : resolve(file.path)
        },
        new Date().toISOString()
      )
      if (projectId !== undefined) ctx.projects.addImages(projectId, [newId])
      return newId
    })()
    return { imported: id }
  } catch (err) {
    if (ext && ctx.isOpen() && !ctx.images.findBySha(sha256)) ctx.store.removeImageFiles(sha256, ext)
    throw err
  } finally {
    await rm(copy, { force: true })
  }
}

/** For bytes already in the library: brings a trashed copy back and files it in the project; returns its id. */
function keepDuplicate(ctx: ImportContext, sha256: string, projectId?: number): number | undefined {
  const existing = ctx.images.findBySha(sha256)
  if (!existing) return undefined
  ctx.db.transaction(() => {
    if (existing.trashed) ctx.images.setTrashed([existing.id], null)
    if (projectId !== undefined) ctx.projects.addImages(projectId, [existing.id])
  })()
  return existing.id
}
