import type { Statement } from 'better-sqlite3'
import type { Version, VersionParams } from '../../src-preload/contract'
import type { Db } from './database'

/** A version's file in the blob store. */
export interface VersionFile {
  sha256: string
  ext: string
}

export interface StoredVersion {
  version: Version
  file: VersionFile
}

export interface NewVersionRow extends VersionFile {
  imageId: number
  width: number
  height: number
  format: string
  modelId: string
  params: VersionParams
}

interface VersionRow {
  id: number
  image_id: number
  sha256: string
  ext: string
  width: number
  height: number
  format: string
  model_id: string
  params: string
  created_at: string
}

/** Queries and writes on the versions table: a model's results on an image, oldest first. */
export class VersionsRepo {
  private readonly statements = new Map<string, Statement>()

  constructor(private readonly db: Db) {}

  insert(version: NewVersionRow, createdAt: string): Version {
    const result = this.sql(
      `INSERT INTO versions (image_id, sha256, ext, width, height, format, model_id, params, created_at)
       VALUES (@imageId, @sha256, @ext, @width, @height, @format, @modelId, @params, @createdAt)`
    ).run({ ...version, params: JSON.stringify(version.params), createdAt })
    return this.find(Number(result.lastInsertRowid))!.version
  }

  list(imageId: number): Version[] {
    const rows = this.sql('SELECT * FROM versions WHERE image_id = ? ORDER BY id').all(imageId) as VersionRow[]
    return rows.map(toVersion)
  }

  find(id: number): StoredVersion | undefined {
    const row = this.sql('SELECT * FROM versions WHERE id = ?').get(id) as VersionRow | undefined
    return row && { version: toVersion(row), file: { sha256: row.sha256, ext: row.ext } }
  }

  /** The files behind the versions of trashed images, read before emptying the trash cascades to their rows. */
  filesOfTrashedImages(): VersionFile[] {
    return this.sql('SELECT DISTINCT v.sha256, v.ext FROM versions v JOIN images i ON i.id = v.image_id WHERE i.trashed_at IS NOT NULL').all() as VersionFile[]
  }

  isStored(sha256: string): boolean {
    return this.sql('SELECT 1 FROM versions WHERE sha256 = ? LIMIT 1').get(sha256) !== undefined
  }

  /** Every version file's sha256 with its extension, for the recovery sweep. */
  storedExtensions(): Map<string, string> {
    const rows = this.sql('SELECT DISTINCT sha256, ext FROM versions').all() as VersionFile[]
    return new Map(rows.map((row) => [row.sha256, row.ext]))
  }

  private sql(source: string): Statement {
    let statement = this.statements.get(source)
    if (!statement) this.statements.set(source, (statement = this.db.prepare(source)))
    return statement
  }
}

function toVersion(row: VersionRow): Version {
  return {
    id: row.id,
    imageId: row.image_id,
    sha256: row.sha256,
    format: row.format,
    width: row.width,
    height: row.height,
    modelId: row.model_id,
    params: JSON.parse(row.params) as VersionParams,
    createdAt: row.created_at
  }
}
