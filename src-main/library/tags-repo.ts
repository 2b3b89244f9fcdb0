import { StudioError } from '../common/studio-error'
import type { Db } from './database'

const MAX_TAG_LENGTH = 64

/** Trims names, refuses empty or overlong ones, and drops repeats that differ only in case. */
function normalizeTags(names: readonly string[]): string[] {
  const unique = new Map<string, string>()
  for (const raw of names) {
    const name = raw.trim()
    if (name.length === 0 || name.length > MAX_TAG_LENGTH) {
      throw new StudioError('invalid', `A tag must be 1 to ${MAX_TAG_LENGTH} characters long; got "${raw}".`)
    }
    if (!unique.has(name.toLowerCase())) unique.set(name.toLowerCase(), name)
  }
  return [...unique.values()]
}

/** Tags are shared by name, case-insensitively; a tag no image carries any more is dropped. */
export class TagsRepo {
  constructor(private readonly db: Db) {}

  /** Removes, then adds (so a tag can be re-cased in one call); returns how many images' tags changed. */
  setTags(ids: readonly number[], add: readonly string[], remove: readonly string[]): number {
    const addNames = normalizeTags(add)
    const removeNames = normalizeTags(remove)
    const idList = JSON.stringify(ids)
    const unlink = this.db.prepare(
      `DELETE FROM image_tags WHERE tag_id = (SELECT id FROM tags WHERE name = ?)
       AND image_id IN (SELECT value FROM json_each(?)) RETURNING image_id`
    )
    const createTag = this.db.prepare('INSERT INTO tags (name) VALUES (?) ON CONFLICT (name) DO NOTHING')
    const link = this.db.prepare(
      `INSERT OR IGNORE INTO image_tags (image_id, tag_id)
       SELECT i.id, (SELECT id FROM tags WHERE name = ?) FROM images i WHERE i.id IN (SELECT value FROM json_each(?))
       RETURNING image_id`
    )
    return this.db.transaction(() => {
      const changed = new Set<number>()
      for (const name of removeNames) for (const id of unlink.pluck().all(name, idList)) changed.add(id as number)
      this.deleteUnused()
      for (const name of addNames) {
        createTag.run(name)
        for (const id of link.pluck().all(name, idList)) changed.add(id as number)
      }
      this.deleteUnused()
      return changed.size
    })()
  }

  /** Every tag with how many images outside the trash carry it, by name. */
  list(): { name: string; count: number }[] {
    return this.db
      .prepare(
        `SELECT t.name, count(i.id) AS count FROM tags t
         JOIN image_tags it ON it.tag_id = t.id
         LEFT JOIN images i ON i.id = it.image_id AND i.trashed_at IS NULL
         GROUP BY t.id ORDER BY t.name COLLATE NOCASE`
      )
      .all() as { name: string; count: number }[]
  }

  deleteUnused(): void {
    this.db.prepare('DELETE FROM tags WHERE id NOT IN (SELECT tag_id FROM image_tags)').run()
  }
}
