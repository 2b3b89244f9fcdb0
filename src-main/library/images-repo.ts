import type { Statement } from 'better-sqlite3'
import type { ImageDetail, ImageSummary, ParsedRequestOf } from '../../src-preload/contract'
import { StudioError } from '../common/studio-error'
import type { Db } from './database'

export type ListQuery = ParsedRequestOf<'library:list'>

export interface NewImage {
  sha256: string
  name: string
  ext: string
  width: number
  height: number
  format: string
  space: string
  depth: number
  hasAlpha: boolean
  bytes: number
  sourcePath: string | null
}

export interface StoredImage {
  id: number
  sha256: string
  ext: string
  trashed: boolean
}

interface ImageRow {
  id: number
  sha256: string
  name: string
  ext: string
  width: number
  height: number
  format: string
  space: string
  depth: number
  has_alpha: number
  bytes: number
  source_path: string | null
  imported_at: string
  trashed_at: string | null
}

const ORDER_BY: Record<ListQuery['sort'], string> = {
  newest: 'i.imported_at DESC, i.id DESC',
  oldest: 'i.imported_at ASC, i.id ASC',
  name: 'i.name COLLATE NOCASE ASC, i.id ASC'
}

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`)

/** Queries and writes on the images table. Id lists travel as one JSON parameter, so any length binds. */
export class ImagesRepo {
  private readonly statements = new Map<string, Statement>()

  constructor(private readonly db: Db) {}

  findBySha(sha256: string): StoredImage | undefined {
    const row = this.sql('SELECT id, sha256, ext, trashed_at FROM images WHERE sha256 = ?').get(sha256) as ImageRow | undefined
    return row && { id: row.id, sha256: row.sha256, ext: row.ext, trashed: row.trashed_at !== null }
  }

  findById(id: number): StoredImage | undefined {
    const row = this.sql('SELECT id, sha256, ext, trashed_at FROM images WHERE id = ?').get(id) as ImageRow | undefined
    return row && { id: row.id, sha256: row.sha256, ext: row.ext, trashed: row.trashed_at !== null }
  }

  insert(image: NewImage, importedAt: string): number {
    const result = this.sql(
      `INSERT INTO images (sha256, name, ext, width, height, format, space, depth, has_alpha, bytes, source_path, imported_at)
       VALUES (@sha256, @name, @ext, @width, @height, @format, @space, @depth, @hasAlpha, @bytes, @sourcePath, @importedAt)`
    ).run({ ...image, hasAlpha: image.hasAlpha ? 1 : 0, importedAt })
    return Number(result.lastInsertRowid)
  }

  detail(id: number): ImageDetail | undefined {
    const row = this.sql('SELECT * FROM images WHERE id = ?').get(id) as ImageRow | undefined
    if (!row) return undefined
    const projectIds = this.sql('SELECT project_id FROM project_images WHERE image_id = ? ORDER BY project_id').pluck().all(id) as number[]
    return {
      ...summarize(row, this.tagNames([id]).get(id) ?? []),
      space: row.space,
      depth: row.depth,
      hasAlpha: row.has_alpha === 1,
      sourcePath: row.source_path,
      projectIds
    }
  }

  list(query: ListQuery): { total: number; items: ImageSummary[] } {
    const where = [query.trashed ? 'i.trashed_at IS NOT NULL' : 'i.trashed_at IS NULL']
    const params: Record<string, string | number> = {}
    const text = query.query?.trim()
    if (text) {
      where.push(`i.name LIKE @pattern ESCAPE '\\'`)
      params.pattern = `%${escapeLike(text)}%`
    }
    if (query.tag) {
      where.push('i.id IN (SELECT it.image_id FROM image_tags it JOIN tags t ON t.id = it.tag_id WHERE t.name = @tag)')
      params.tag = query.tag.trim()
    }
    if (query.projectId !== undefined) {
      where.push('i.id IN (SELECT image_id FROM project_images WHERE project_id = @projectId)')
      params.projectId = query.projectId
    }
    const filter = `FROM images i WHERE ${where.join(' AND ')}`
    const total = this.sql(`SELECT count(*) ${filter}`).pluck().get(params) as number
    const page = `SELECT i.* ${filter} ORDER BY ${ORDER_BY[query.sort]} LIMIT @limit OFFSET @offset`
    const rows = this.sql(page).all({ ...params, limit: query.limit, offset: query.offset }) as ImageRow[]
    const tags = this.tagNames(rows.map((r) => r.id))
    return { total, items: rows.map((row) => summarize(row, tags.get(row.id) ?? [])) }
  }

  /** Marks images trashed (`at` a timestamp) or restores them (`at` null); returns how many changed state. */
  setTrashed(ids: readonly number[], at: string | null): number {
    const state = at === null ? 'trashed_at IS NOT NULL' : 'trashed_at IS NULL'
    return this.sql(`UPDATE images SET trashed_at = ? WHERE id IN (SELECT value FROM json_each(?)) AND ${state}`).run(at, JSON.stringify(ids)).changes
  }

  /** Deletes every trashed row (their tag and project links cascade) and returns what their files were. */
  deleteTrashed(): StoredImage[] {
    const rows = this.sql('DELETE FROM images WHERE trashed_at IS NOT NULL RETURNING id, sha256, ext').all() as ImageRow[]
    return rows.map((row) => ({ id: row.id, sha256: row.sha256, ext: row.ext, trashed: true }))
  }

  /** Every stored sha256 with its original's extension, for the recovery sweep. */
  storedExtensions(): Map<string, string> {
    const rows = this.sql('SELECT sha256, ext FROM images').all() as ImageRow[]
    return new Map(rows.map((row) => [row.sha256, row.ext]))
  }

  private tagNames(ids: readonly number[]): Map<number, string[]> {
    const byImage = new Map<number, string[]>()
    if (ids.length === 0) return byImage
    const rows = this.sql(
      `SELECT it.image_id AS imageId, t.name FROM image_tags it JOIN tags t ON t.id = it.tag_id
       WHERE it.image_id IN (SELECT value FROM json_each(?)) ORDER BY t.name COLLATE NOCASE`
    ).all(JSON.stringify(ids)) as { imageId: number; name: string }[]
    for (const { imageId, name } of rows) byImage.set(imageId, [...(byImage.get(imageId) ?? []), name])
    return byImage
  }

  private sql(source: string): Statement {
    let statement = this.statements.get(source)
    if (!statement) this.statements.set(source, (statement = this.db.prepare(source)))
    return statement
  }
}

function summarize(row: ImageRow, tags: string[]): ImageSummary {
  return {
    id: row.id,
    sha256: row.sha256,
    name: row.name,
    width: row.width,
    height: row.height,
    format: row.format,
    bytes: row.bytes,
    importedAt: row.imported_at,
    trashed: row.trashed_at !== null,
    tags
  }
}

export function imageNotFound(id: number): StudioError {
  return new StudioError('not-found', `Image ${id} is not in the library; it may have been deleted.`)
}
