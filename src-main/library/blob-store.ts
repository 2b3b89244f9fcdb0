import { randomBytes } from 'node:crypto'
import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'

const EXTENSION_OF_FORMAT: Record<string, string> = { jpeg: 'jpg', tiff: 'tif' }

/** The file extension an original is stored under, chosen by its decoded format, not by the name it came with. */
export function storedExtension(format: string): string {
  return EXTENSION_OF_FORMAT[format] ?? format
}

/** The library's files, addressed by content: the same bytes are stored once, under their sha256. */
export class BlobStore {
  readonly originalsDir: string
  readonly versionsDir: string
  readonly thumbsDir: string
  readonly tilesRoot: string
  readonly versionTilesRoot: string
  readonly stagingDir: string

  constructor(root: string) {
    this.originalsDir = join(root, 'originals')
    this.versionsDir = join(root, 'versions')
    this.thumbsDir = join(root, 'thumbs')
    this.tilesRoot = join(root, 'cache', 'tiles')
    this.versionTilesRoot = join(root, 'cache', 'version-tiles')
    this.stagingDir = join(root, 'staging')
    for (const dir of [this.originalsDir, this.versionsDir, this.thumbsDir, this.tilesRoot, this.versionTilesRoot, this.stagingDir]) mkdirSync(dir, { recursive: true })
  }

  originalPath(sha256: string, ext: string): string {
    return join(this.originalsDir, sha256.slice(0, 2), `${sha256}.${ext}`)
  }

  /** A model's result, addressed by its own content like an original; several version rows may share it. */
  versionPath(sha256: string, ext: string): string {
    return join(this.versionsDir, sha256.slice(0, 2), `${sha256}.${ext}`)
  }

  /** Where an import copies a source before its hash is known; the recovery sweep removes leftovers. */
  incomingPath(): string {
    return join(this.originalsDir, `.incoming.${randomBytes(8).toString('hex')}.tmp`)
  }

  thumbPath(sha256: string): string {
    return join(this.thumbsDir, sha256.slice(0, 2), `${sha256}.webp`)
  }

  tilesDir(sha256: string): string {
    return join(this.tilesRoot, sha256)
  }

  /** A version's tile pyramid, apart from originals' so removing one never touches the other. */
  versionTilesDir(sha256: string): string {
    return join(this.versionTilesRoot, sha256)
  }

  /** Synchronous on purpose: no other work can slip in between a row's removal and its files'. */
  removeImageFiles(sha256: string, ext: string): void {
    rmSync(this.originalPath(sha256, ext), { force: true })
    rmSync(this.thumbPath(sha256), { force: true })
    rmSync(this.tilesDir(sha256), { recursive: true, force: true })
  }
}
