import { createHash } from 'node:crypto'
import { copyFileSync, linkSync, mkdirSync, readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import Database from 'better-sqlite3'
import sharp from 'sharp'
import { Library } from '../src-main/library/library'

const SOURCE_DIR = '/work/shared/photos/color'
const MAX_SIDE = 512

export interface GridLibrary {
  imported: number
  seeded: number
  importS: number
  seedS: number
}

/** `count` distinct small JPEGs (≤ 512 px), one per shared colour photo in turn, each tinted by its index. */
async function smallPhotos(dir: string, count: number): Promise<void> {
  mkdirSync(dir, { recursive: true })
  const sources = readdirSync(SOURCE_DIR).filter((f) => f.endsWith('.jpg')).sort()
  for (let index = 0; index < count; index++) {
    await sharp(join(SOURCE_DIR, sources[index % sources.length]!))
      .rotate()
      .resize(MAX_SIDE, MAX_SIDE, { fit: 'inside', withoutEnlargement: true })
      .modulate({ brightness: 1 + (index % 10) * 0.003 })
      .jpeg({ quality: 85 })
      .toFile(join(dir, `small-${String(index).padStart(4, '0')}.jpg`))
  }
}

interface ImageRow {
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
}

/**
 * Rows `imported + 1 .. total` are SEEDED COPIES, not imports: each repeats an imported row's metadata under
 * a made-up sha256, with that image's thumbnail copied and its original hard-linked under the new hash.
 * Importing 10,000 files would take the bench far past its time budget and measure the importer, not the grid.
 * They get later `imported_at` stamps, so the default sort (newest first) shows seeded rows first.
 */
function seedCopies(root: string, total: number): number {
  const db = new Database(join(root, 'library.sqlite'))
  try {
    const templates = db.prepare('SELECT sha256, name, ext, width, height, format, space, depth, has_alpha, bytes FROM images ORDER BY id').all() as ImageRow[]
    const insert = db.prepare(
      `INSERT INTO images (sha256, name, ext, width, height, format, space, depth, has_alpha, bytes, source_path, imported_at)
       VALUES (@sha256, @name, @ext, @width, @height, @format, @space, @depth, @has_alpha, @bytes, NULL, @imported_at)`
    )
    const startedAt = Date.now()
    const file = (kind: 'originals' | 'thumbs', sha: string, ext: string): string => join(root, kind, sha.slice(0, 2), `${sha}.${ext}`)
    db.transaction(() => {
      for (let n = templates.length + 1; n <= total; n++) {
        const template = templates[(n - 1) % templates.length]!
        const sha256 = createHash('sha256').update(`gan-studio bench seeded row ${n}`).digest('hex')
        const thumb = file('thumbs', sha256, 'webp')
        mkdirSync(dirname(thumb), { recursive: true })
        copyFileSync(file('thumbs', template.sha256, 'webp'), thumb)
        const original = file('originals', sha256, template.ext)
        mkdirSync(dirname(original), { recursive: true })
        linkSync(file('originals', template.sha256, template.ext), original)
        insert.run({ ...template, sha256, name: `seeded-${n}-${template.name}`, imported_at: new Date(startedAt + n).toISOString() })
      }
    })()
    return total - templates.length
  } finally {
    db.close()
  }
}

/** A library of `total` images in `root`: `importCount` small photos imported through the facade, the rest seeded copies. */
export async function buildGridLibrary(root: string, scratch: string, importCount: number, total: number): Promise<GridLibrary> {
  let started = performance.now()
  const photosDir = join(scratch, 'small-photos')
  await smallPhotos(photosDir, importCount)
  const library = Library.open({ root })
  let imported: number
  try {
    const report = await library.importSources([{ path: photosDir }])
    if (report.failed.length) throw new Error(`import failed for ${report.failed.length} files, first: ${report.failed[0]!.name}: ${report.failed[0]!.reason}`)
    imported = report.imported.length
  } finally {
    library.close()
  }
  const importS = (performance.now() - started) / 1000
  started = performance.now()
  const seeded = seedCopies(root, total)
  return { imported, seeded, importS, seedS: (performance.now() - started) / 1000 }
}
