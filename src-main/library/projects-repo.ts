import type { Project } from '../../src-preload/contract'
import { StudioError } from '../common/studio-error'
import type { Db } from './database'

const MAX_NAME_LENGTH = 200

const PROJECTS = `SELECT p.id, p.name, p.created_at AS createdAt, count(i.id) AS imageCount FROM projects p
  LEFT JOIN project_images pi ON pi.project_id = p.id
  LEFT JOIN images i ON i.id = pi.image_id AND i.trashed_at IS NULL`

/** Projects group images; an image may sit in many, and deleting a project keeps its images. */
export class ProjectsRepo {
  constructor(private readonly db: Db) {}

  list(): Project[] {
    return this.db.prepare(`${PROJECTS} GROUP BY p.id ORDER BY p.name COLLATE NOCASE`).all() as Project[]
  }

  /** The project, or StudioError('not-found'). */
  get(id: number): Project {
    const project = this.db.prepare(`${PROJECTS} WHERE p.id = ? GROUP BY p.id`).get(id) as Project | undefined
    if (!project) throw new StudioError('not-found', `Project ${id} does not exist; it may have been deleted.`)
    return project
  }

  create(name: string): Project {
    const clean = this.checkName(name)
    const id = this.db.prepare('INSERT INTO projects (name, created_at) VALUES (?, ?)').run(clean, new Date().toISOString()).lastInsertRowid
    return this.get(Number(id))
  }

  rename(id: number, name: string): Project {
    this.get(id)
    this.db.prepare('UPDATE projects SET name = ? WHERE id = ?').run(this.checkName(name, id), id)
    return this.get(id)
  }

  /** Returns 1 when the project existed, 0 when it did not; its images stay in the library. */
  delete(id: number): number {
    return this.db.prepare('DELETE FROM projects WHERE id = ?').run(id).changes
  }

  /** Adds the images that exist; returns how many were not in the project before. */
  addImages(projectId: number, ids: readonly number[]): number {
    this.get(projectId)
    return this.db
      .prepare(
        `INSERT OR IGNORE INTO project_images (project_id, image_id)
         SELECT ?, id FROM images WHERE id IN (SELECT value FROM json_each(?))`
      )
      .run(projectId, JSON.stringify(ids)).changes
  }

  removeImages(projectId: number, ids: readonly number[]): number {
    this.get(projectId)
    return this.db
      .prepare('DELETE FROM project_images WHERE project_id = ? AND image_id IN (SELECT value FROM json_each(?))')
      .run(projectId, JSON.stringify(ids)).changes
  }

  /** Trims the name and refuses an empty, overlong or already-taken one (case-insensitively, other than `selfId`). */
  private checkName(name: string, selfId?: number): string {
    const clean = name.trim()
    if (clean.length === 0 || clean.length > MAX_NAME_LENGTH) {
      throw new StudioError('invalid', `A project name must be 1 to ${MAX_NAME_LENGTH} characters long.`)
    }
    const taken = this.db.prepare('SELECT id, name FROM projects WHERE name = ?').get(clean) as { id: number; name: string } | undefined
    if (taken && taken.id !== selfId) throw new StudioError('invalid', `A project named "${taken.name}" already exists; choose another name.`)
    return clean
  }
}
