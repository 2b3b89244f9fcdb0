import { createHash } from 'node:crypto'
import { existsSync, rmSync } from 'node:fs'
import type { Version, VersionParams } from '../../src-preload/contract'
import { writeFileAtomic } from '../common/atomic-write'
import { exportTarget } from '../common/export-target'
import { StudioError } from '../common/studio-error'
import { writeImage, type OutputFormat } from '../imaging'
import { storedExtension, type BlobStore } from './blob-store'
import type { Db } from './database'
import { imageNotFound, type ImagesRepo, type StoredImage } from './images-repo'
import type { StoredVersion, VersionFile, VersionsRepo } from './versions-repo'

export interface NewVersion {
  /** The encoded result, stored as is. */
  bytes: Buffer
  format: string
  width: number
  height: number
  modelId: string
  params: VersionParams
}

export interface ExportRequest {
  imageId: number
  /** Left out: the original. */
  versionId?: number
  targetPath: string
  format: OutputFormat
  quality?: number
  /** Replace a file already there; refused with code 'exists' otherwise. */
  overwrite?: boolean
}

export interface VersionsContext {
  root: string
  db: Db
  images: ImagesRepo
  versions: VersionsRepo
  store: BlobStore
  isOpen(): boolean
  /** Told before a version file no row refers to any more is removed. */
  onUnreferenced(sha256: string): void
}

/** Results of models kept beside an image's untouched original, content-addressed under `<root>/versions/`. */
export class ImageVersions {
  constructor(private readonly ctx: VersionsContext) {}

  /**
   * Writes the file first, then the row, so a crash leaves a complete version or a file the next open
   * sweeps. An abort of `signal` before the row is written stores nothing.
   */
  async add(imageId: number, version: NewVersion, signal?: AbortSignal): Promise<Version> {
    const { images, versions, store, db } = this.ctx
    this.image(imageId)
    const sha256 = createHash('sha256').update(version.bytes).digest('hex')
    const ext = storedExtension(version.format)
    const file = store.versionPath(sha256, ext)
    try {
      // Checked again after each write: emptying the trash may remove a file this version shares with a deleted one.
      while (!existsSync(file)) await writeFileAtomic(file, version.bytes)
      signal?.throwIfAborted()
      if (!this.ctx.isOpen()) throw new StudioError('closed', 'the library was closed before the version was saved')
      if (!images.findById(imageId)) throw imageNotFound(imageId)
      const { format, width, height, modelId, params } = version
      const row = { imageId, sha256, ext, format, width, height, modelId, params }
      return db.transaction(() => versions.insert(row, new Date().toISOString()))()
    } catch (err) {
      if (this.ctx.isOpen() && !versions.isStored(sha256)) rmSync(file, { force: true })
      throw err
    }
  }

  list(imageId: number): Version[] {
    this.image(imageId)
    return this.ctx.versions.list(imageId)
  }

  /** The absolute path of the image's stored original, which versions never change. */
  originalFile(imageId: number): string {
    const image = this.image(imageId)
    return this.ctx.store.originalPath(image.sha256, image.ext)
  }

  /** The absolute path of the version's stored file. */
  file(versionId: number): string {
    const { sha256, ext } = this.stored(versionId).file
    return this.ctx.store.versionPath(sha256, ext)
  }

  /** Encodes the original or one of its versions to `targetPath` atomically, with the original's EXIF and XMP. */
  async export({ imageId, versionId, targetPath, format, quality, overwrite = false }: ExportRequest): Promise<string> {
    const original = this.originalFile(imageId)
    const source = versionId === undefined ? original : this.fileOf(imageId, versionId).path
    const target = exportTarget(targetPath, this.ctx.root, overwrite)
    await writeImage(target, source, { format, quality, metadataFrom: original })
    return target
  }

  /** The version's stored file, refused unless the version belongs to the image. */
  fileOf(imageId: number, versionId: number): VersionFile & { path: string } {
    const { version, file } = this.stored(versionId)
    if (version.imageId !== imageId) throw versionNotFound(versionId)
    return { ...file, path: this.ctx.store.versionPath(file.sha256, file.ext) }
  }

  /** Removes the given files, and their tile pyramids, where no version row refers to them any more (after their rows were deleted). */
  removeUnreferenced(files: readonly VersionFile[]): void {
    for (const { sha256, ext } of files) {
      if (this.ctx.versions.isStored(sha256)) continue
      this.ctx.onUnreferenced(sha256)
      rmSync(this.ctx.store.versionPath(sha256, ext), { force: true })
      rmSync(this.ctx.store.versionTilesDir(sha256), { recursive: true, force: true })
    }
  }

  private image(id: number): StoredImage {
    const image = this.ctx.images.findById(id)
    if (!image) throw imageNotFound(id)
    return image
  }

  private stored(versionId: number): StoredVersion {
    const stored = this.ctx.versions.find(versionId)
    if (!stored) throw versionNotFound(versionId)
    return stored
  }
}

function versionNotFound(id: number): StudioError {
  return new StudioError('not-found', `Version ${id} is not in the library; its image may have been deleted.`)
}
