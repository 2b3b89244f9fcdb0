import { createHash } from 'node:crypto'
import { copyFileSync, linkSync, mkdirSync, readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import sharp from 'sharp'
import type { ImageDetail } from '../src-preload/contract'
import { BlobStore, storedExtension } from '../src-main/library/blob-store'
import { openDatabase } from '../src-main/library/database'
import { ImagesRepo } from '../src-main/library/images-repo'
import { Library } from '../src-main/library/library'

const SOURCE_DIR = new URL('../../shared/photos/color/', import.meta.url).pathname
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

/**
 * Rows `templates.length + 1 .. total` are SEEDED COPIES, not imports: each repeats an imported image's
 * metadata under a made-up sha256, with its thumbnail copied and its original hard-linked under the new hash,
 * written through the library's own store and repository. Importing 10,000 files would take the bench far
 * past its time budget and measure the importer, not the grid. They get later `imported_at` stamps, so the
 * default sort (newest first) shows seeded rows first.
 */
function seedCopies(root: string, templates: ImageDetail[], total: number): number {
  const db = openDatabase(join(root, 'library.sqlite'))
  const store = new BlobStore(root)
  const images = new ImagesRepo(db)
  try {
    const startedAt = Date.now()
    db.transaction(() => {
      for (let n = templates.length + 1; n <= total; n++) {
        const template = templates[(n - 1) % templates.length]!
        const ext = storedExtension(template.format)
        const sha256 = createHash('sha256').update(`gan-studio bench seeded row ${n}`).digest('hex')
        mkdirSync(dirname(store.thumbPath(sha256)), { recursive: true })
        copyFileSync(store.thumbPath(template.sha256), store.thumbPath(sha256))
        mkdirSync(dirname(store.originalPath(sha256, ext)), { recursive: true })
        linkSync(store.originalPath(template.sha256, ext), store.originalPath(sha256, ext))
        const { name, width, height, format, space, depth, hasAlpha, bytes } = template
        images.insert({ sha256, name: `seeded-${n}-${name}`, ext, width, height, format, space, depth, hasAlpha, bytes, sourcePath: null }, new Date(startedAt + n).toISOString())
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
  let templates: ImageDetail[]
  try {
    const report = await library.importSources([{ path: photosDir }])
    if (report.failed.length) throw new Error(`import failed for ${report.failed.length} files, first: ${report.failed[0]!.name}: ${report.failed[0]!.reason}`)
    imported = report.imported.length
    templates = report.imported.map(({ id }) => library.get(id))
  } finally {
    library.close()
  }
  const importS = (performance.now() - started) / 1000
  started = performance.now()
  const seeded = seedCopies(root, templates, total)
  return { imported, seeded, importS, seedS: (performance.now() - started) / 1000 }
}
