import { StudioError } from '../common/studio-error'
import type { Db } from './database'

/** Schema steps in order; step i brings `PRAGMA user_version` from i to i + 1. Never edit a shipped step, add one. */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE images (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    ext TEXT NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    format TEXT NOT NULL,
    space TEXT NOT NULL,
    depth INTEGER NOT NULL,
    has_alpha INTEGER NOT NULL,
    bytes INTEGER NOT NULL,
    source_path TEXT,
    imported_at TEXT NOT NULL,
    trashed_at TEXT
  );
  CREATE INDEX images_by_imported ON images (trashed_at, imported_at, id);
  CREATE INDEX images_by_name ON images (trashed_at, name COLLATE NOCASE, id);

  CREATE TABLE tags (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE
  );
  CREATE TABLE image_tags (
    image_id INTEGER NOT NULL REFERENCES images (id) ON DELETE CASCADE,
    tag_id INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (image_id, tag_id)
  ) WITHOUT ROWID;
  CREATE INDEX image_tags_by_tag ON image_tags (tag_id, image_id);

  CREATE TABLE projects (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    created_at TEXT NOT NULL
  );
  CREATE TABLE project_images (
    project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    image_id INTEGER NOT NULL REFERENCES images (id) ON DELETE CASCADE,
    PRIMARY KEY (project_id, image_id)
  ) WITHOUT ROWID;
  CREATE INDEX project_images_by_image ON project_images (image_id, project_id);

  CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL CHECK (json_valid(value))
  );
  `,
  `
  CREATE TABLE versions (
    id INTEGER PRIMARY KEY,
    image_id INTEGER NOT NULL REFERENCES images (id) ON DELETE CASCADE,
    sha256 TEXT NOT NULL,
    ext TEXT NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    format TEXT NOT NULL,
    model_id TEXT NOT NULL,
    params TEXT NOT NULL CHECK (json_valid(params)),
    created_at TEXT NOT NULL
  );
  CREATE INDEX versions_by_image ON versions (image_id, id);
  CREATE INDEX versions_by_sha ON versions (sha256);
  `,
  `
  CREATE TABLE training_runs (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    mode TEXT NOT NULL,
    preset TEXT NOT NULL,
    status TEXT NOT NULL,
    step INTEGER NOT NULL,
    steps INTEGER NOT NULL,
    config TEXT NOT NULL CHECK (json_valid(config)),
    data TEXT NOT NULL CHECK (json_valid(data)),
    backend TEXT,
    error TEXT,
    model_ids TEXT NOT NULL CHECK (json_valid(model_ids)),
    training_ms REAL NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX training_runs_by_created ON training_runs (created_at, id);
  `
]

export const SCHEMA_VERSION = MIGRATIONS.length

/** Brings the schema up to date, one transaction per step, so a crash leaves a whole step or none. */
export function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number
  if (current > SCHEMA_VERSION) {
    throw new StudioError('invalid', `This library was written by a newer GAN Studio (schema ${current}, this version knows ${SCHEMA_VERSION}); update the app to open it.`)
  }
  for (let version = current; version < SCHEMA_VERSION; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version])
      db.pragma(`user_version = ${version + 1}`)
    }).immediate()
  }
}
