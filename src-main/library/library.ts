import { randomUUID } from 'node:crypto'
import { existsSync, mkdirSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { DeepZoom, ImageDetail, ImageSummary, ImportReport, ImportSource, Project, Settings } from '../../src-preload/contract'
import { isInside } from '../common/paths'
import { BlobStore } from './blob-store'
import { openDatabase, type Db } from './database'
import { ImageVersions } from './image-versions'
import { imageNotFound, ImagesRepo, type ListQuery } from './images-repo'
import { importSources, type ImportContext, type ImportOptions } from './import-sources'
import { lockLibrary } from './library-lock'
import { migrate } from './migrations'
import { ProjectsRepo } from './projects-repo'
import { sweepOrphans, sweepRuns } from './recovery'
import { SettingsRepo } from './settings-repo'
import { TagsRepo } from './tags-repo'
import { TileCache } from './tile-cache'
import { VersionsRepo } from './versions-repo'
import { runSampleFile } from './run-samples'
import { TrainingRunsRepo } from './training-runs-repo'

export interface LibraryOptions {
  root: string
  /** better-sqlite3's addon built for Electron's ABI, when the library runs inside Electron. */
  nativeBinding?: string
  maxPixels?: number
}

const THUMB_PATH = /^thumb\/([0-9a-f]{64})\.webp$/
const SAMPLE_PATH = /^sample\/([0-9a-f]{12})\/(0|[1-9]\d{0,11})\.png$/
const TILE_PATH = /^(tile|version-tile)\/([0-9a-f]{64})\/(0|[1-9]\d{0,2})\/(0|[1-9]\d{0,6})_(0|[1-9]\d{0,6})\.(jpeg|webp)$/

/** The image library: one folder holding a SQLite catalogue, content-addressed originals, thumbnails and tiles. */
export class Library {
  private readonly images: ImagesRepo
  private readonly versionsRepo: VersionsRepo
  /** Originals' files and the models' results kept beside them. */
  readonly versions: ImageVersions
  private readonly tagsRepo: TagsRepo
  private readonly projectsRepo: ProjectsRepo
  private readonly settings: SettingsRepo
  /** Training runs: rows here, files in `runs/<id>/`. */
  readonly trainingRuns: TrainingRunsRepo
  readonly runsDir: string
  private readonly importContext: ImportContext
  private importQueue: Promise<unknown> = Promise.resolve()
  private readonly tiles: TileCache
  private readonly versionTiles: TileCache
  private closed = false

  private constructor(
    readonly root: string,
    private readonly db: Db,
    private readonly store: BlobStore,
    private readonly unlock: () => void,
    /** The largest image, in pixels, the library decodes. */
    readonly maxPixels?: number
  ) {
    this.images = new ImagesRepo(db)
    this.versionsRepo = new VersionsRepo(db)
    this.versionTiles = new TileCache((sha) => store.versionTilesDir(sha), maxPixels)
    this.versions = new ImageVersions({
      root,
      db,
      images: this.images,
      versions: this.versionsRepo,
      store,
      isOpen: () => !this.closed,
      onUnreferenced: (sha) => this.versionTiles.forget(sha)
    })
    this.tagsRepo = new TagsRepo(db)
    this.projectsRepo = new ProjectsRepo(db)
    this.settings = new SettingsRepo(db)
    this.trainingRuns = new TrainingRunsRepo(db)
    this.runsDir = join(root, 'runs')
    mkdirSync(this.runsDir, { recursive: true })
    this.tiles = new TileCache((sha) => store.tilesDir(sha), maxPixels)
    this.importContext = { db, images: this.images, projects: this.projectsRepo, store, maxPixels, isOpen: () => !this.closed }
  }

  /** Creates the folder if needed, locks it against other processes, migrates, and sweeps what a crash left. */
  static open({ root, nativeBinding, maxPixels }: LibraryOptions): Library {
    const absoluteRoot = resolve(root)
    mkdirSync(absoluteRoot, { recursive: true })
    const unlock = lockLibrary(absoluteRoot, nativeBinding)
    let db: Db | undefined
    try {
      db = openDatabase(join(absoluteRoot, 'library.sqlite'), nativeBinding)
      migrate(db)
      const library = new Library(absoluteRoot, db, new BlobStore(absoluteRoot), unlock, maxPixels)
      sweepOrphans(library.store, library.images.storedExtensions(), library.versionsRepo.storedExtensions())
      sweepRuns(library.runsDir, library.trainingRuns.ids())
      library.trainingRuns.markInterrupted()
      return library
    } catch (err) {
      db?.close()
      unlock()
      throw err
    }
  }

  /** Idempotent. A running import stops before its next file; call after cancelling imports. */
  close(): void {
    if (this.closed) return
    this.closed = true
    this.db.close()
    this.unlock()
  }

  /** Imports run one after another: a second call waits for the first to finish. */
  importSources(sources: ImportSource[], options: ImportOptions = {}): Promise<ImportReport> {
    const run = this.importQueue.then(() => importSources(this.importContext, sources, options))
    this.importQueue = run.catch(() => undefined)
    return run
  }

  list(query: ListQuery): { total: number; items: ImageSummary[] } {
    return this.images.list(query)
  }

  get(id: number): ImageDetail {
    const detail = this.images.detail(id)
    if (!detail) throw imageNotFound(id)
    return detail
  }

  trash(ids: number[]): number {
    return this.images.setTrashed(ids, new Date().toISOString())
  }

  restore(ids: number[]): number {
    return this.images.setTrashed(ids, null)
  }

  /** Deletes the rows (versions cascade) in one transaction, then their files; a crash in between leaves orphans the next open sweeps. */
  emptyTrash(): number {
    const { removed, versionFiles } = this.db.transaction(() => {
      const files = this.versionsRepo.filesOfTrashedImages()
      const rows = this.images.deleteTrashed()
      this.tagsRepo.deleteUnused()
      return { removed: rows, versionFiles: files }
    })()
    for (const image of removed) {
      this.tiles.forget(image.sha256)
      this.store.removeImageFiles(image.sha256, image.ext)
    }
    this.versions.removeUnreferenced(versionFiles)
    return removed.length
  }

  setTags(ids: number[], add: string[], remove: string[]): number {
    return this.tagsRepo.setTags(ids, add, remove)
  }

  tags(): { name: string; count: number }[] {
    return this.tagsRepo.list()
  }

  projects(): Project[] {
    return this.projectsRepo.list()
  }

  createProject(name: string): Project {
    return this.projectsRepo.create(name)
  }

  renameProject(id: number, name: string): Project {
    return this.projectsRepo.rename(id, name)
  }

  deleteProject(id: number): number {
    return this.projectsRepo.delete(id)
  }

  addToProject(projectId: number, ids: number[]): number {
    return this.projectsRepo.addImages(projectId, ids)
  }

  removeFromProject(projectId: number, ids: number[]): number {
    return this.projectsRepo.removeImages(projectId, ids)
  }

  /**
   * Builds the tile pyramid of the image's original, or of one of its versions, once into
   * `<root>/cache/tiles/<sha256>/` (`version-tiles/` for versions); later calls reuse it.
   */
  async deepZoom(id: number, versionId?: number): Promise<DeepZoom> {
    const image = this.images.findById(id)
    if (!image) throw imageNotFound(id)
    if (versionId === undefined) {
      const original = { sha256: image.sha256, path: this.store.originalPath(image.sha256, image.ext) }
      return this.tiles.open(original, () => !this.closed && this.images.findBySha(image.sha256) !== undefined)
    }
    const version = this.versions.fileOf(id, versionId)
    return this.versionTiles.open(version, () => !this.closed && this.versionsRepo.isStored(version.sha256))
  }

  /** The absolute file behind a contract media path (`mediaPaths`), or null for anything else. */
  mediaFile(relativePath: string): string | null {
    const thumb = THUMB_PATH.exec(relativePath)
    if (thumb) return this.images.findBySha(thumb[1]) ? existing(this.store.thumbPath(thumb[1])) : null
    const sample = SAMPLE_PATH.exec(relativePath)
    if (sample) return this.trainingRuns.ids().has(sample[1]!) ? existing(runSampleFile(this.runDir(sample[1]!), Number(sample[2]))) : null
    const tile = TILE_PATH.exec(relativePath)
    if (!tile) return null
    const [, kind, sha, level, col, row, ext] = tile
    const stored = kind === 'tile' ? this.images.findBySha(sha) !== undefined : this.versionsRepo.isStored(sha)
    if (!stored) return null
    const file = (kind === 'tile' ? this.tiles : this.versionTiles).tileFile(sha, Number(level), Number(col), Number(row), ext)
    return file && existing(file)
  }

  /** A training run's folder (sample grids, checkpoints, metrics). */
  runDir(id: string): string {
    return join(this.runsDir, id)
  }

  /** A fresh path under `<root>/staging/` to stream an upload into; importing it deletes it. */
  stagingPath(): string {
    mkdirSync(this.store.stagingDir, { recursive: true })
    return join(this.store.stagingDir, randomUUID())
  }

  /** Deletes `path` when it is an upload staged by `stagingPath`; any other path is left alone. */
  async discardStaged(path: string): Promise<void> {
    if (isInside(this.store.stagingDir, path)) await rm(path, { force: true })
  }

  getSettings(): Settings {
    return this.settings.get()
  }

  setSettings(patch: Partial<Settings>): Settings {
    return this.settings.set(patch)
  }
}

const existing = (path: string): string | null => (existsSync(path) ? path : null)
