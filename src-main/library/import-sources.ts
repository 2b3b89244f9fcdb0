import { createHash } from 'node:crypto'
import { readFile, rm, stat } from 'node:fs/promises'
import { isAbsolute, relative, resolve, sep } from 'node:path'
import type { ImportReport, ImportSource } from '../../src-preload/contract'
import { writeFileAtomic } from '../common/atomic-write'
import { StudioError } from '../common/studio-error'
import { makeThumbnail, probeImage } from '../imaging'
import { storedExtension, type BlobStore } from './blob-store'
import type { Db } from './database'
import { importFailure } from './import-failure'
import type { ImagesRepo } from './images-repo'
import type { ProjectsRepo } from './projects-repo'
import { expandSources, type SourceFile } from './walk-sources'

const MAX_IMPORT_BYTES = 2 * 1024 ** 3

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
 * Imports files one at a time, going on past bad ones. Each file is hashed, checked against the library,
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
    for (const [index, file] of files.entries()) {
      if (signal?.aborted || !ctx.isOpen()) break
      try {
        const outcome = await importFile(ctx, file, isStaged(file.path), projectId)
        if ('imported' in outcome) report.imported.push({ id: outcome.imported, name: file.name })
        else report.duplicates.push({ name: file.name, existingId: outcome.duplicateOf })
      } catch (err) {
        report.failed.push(importFailure(file.name, err))
      }
      if (isStaged(file.path)) await rm(file.path, { force: true })
      onProgress?.(index + 1, files.length, file.name)
    }
  } finally {
    // Staged uploads the loop never reached (a cancel, a failed walk) are not coming back either.
    for (const source of sources) if (isStaged(source.path)) await rm(source.path, { recursive: true, force: true })
  }
  return report
}

async function importFile(ctx: ImportContext, file: SourceFile, staged: boolean, projectId?: number): Promise<Outcome> {
  const { size } = await stat(file.path)
  if (size > MAX_IMPORT_BYTES) {
    throw new StudioError('too-large', `the file is ${(size / 1024 ** 3).toFixed(1)} GB; files over 2 GB cannot be imported`)
  }
  const bytes = await readFile(file.path)
  const sha256 = createHash('sha256').update(bytes).digest('hex')
  const existing = keepDuplicate(ctx, sha256, projectId)
  if (existing !== undefined) return { duplicateOf: existing }

  const info = await probeImage(bytes, { maxPixels: ctx.maxPixels })
  const thumbnail = await makeThumbnail(bytes, undefined, { maxPixels: ctx.maxPixels })
  const ext = storedExtension(info.format)
  try {
    await writeFileAtomic(ctx.store.originalPath(sha256, ext), bytes)
    await writeFileAtomic(ctx.store.thumbPath(sha256), thumbnail)
    const id = ctx.db.transaction(() => {
      const newId = ctx.images.insert(
        {
          sha256,
          name: file.name,
          ext,
          width: info.width,
          height: info.height,
          format: info.format,
          space: info.space,
          depth: info.depth,
          hasAlpha: info.hasAlpha,
          bytes: bytes.length,
          sourcePath: staged ? null : resolve(file.path)
        },
        new Date().toISOString()
      )
      if (projectId !== undefined) ctx.projects.addImages(projectId, [newId])
      return newId
    })()
    return { imported: id }
  } catch (err) {
    if (ctx.isOpen() && !ctx.images.findBySha(sha256)) ctx.store.removeImageFiles(sha256, ext)
    throw err
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

function isInside(dir: string, path: string): boolean {
  const rel = relative(dir, resolve(path))
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel)
}
