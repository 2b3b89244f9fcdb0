import { createHash } from 'node:crypto'
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import Database from 'better-sqlite3'
import { Library } from '../../src-main/library/library'
import { afterTest, tempDir } from '../helpers/temp-dir'

export { tempDir }

export const PHOTOS_DIR = new URL('../fixtures/library-photos/', import.meta.url).pathname
export const PHOTOS = readdirSync(PHOTOS_DIR).filter((name) => name.endsWith('.jpg')).sort()

/** Opens a library that is closed after the test (closing twice is fine). */
export function openLibrary(root: string, maxPixels?: number): Library {
  const library = Library.open({ root, maxPixels })
  afterTest(() => library.close())
  return library
}

/** A second, raw connection to a library's database, closed after the test. */
export function rawDb(root: string): Database.Database {
  const db = new Database(join(root, 'library.sqlite'))
  afterTest(() => db.close())
  return db
}

/** Copies the n-th fixture photo to `target` and returns the target. */
export function copyPhoto(index: number, target: string): string {
  copyFileSync(join(PHOTOS_DIR, PHOTOS[index]), target)
  return target
}

export function sha256Of(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex')
}

/** Every file under `dir`, as paths relative to it, sorted. */
export function filesUnder(dir: string): string[] {
  const out: string[] = []
  const walk = (current: string): void => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (entry.isFile()) out.push(relative(dir, path))
    }
  }
  walk(dir)
  return out.sort()
}

/** The files the library should hold for its rows: originals, thumbnails and built tile sets aside. */
export function expectedStoreFiles(root: string): string[] {
  const db = new Database(join(root, 'library.sqlite'), { readonly: true })
  try {
    const rows = db.prepare('SELECT sha256, ext FROM images').all() as { sha256: string; ext: string }[]
    return rows
      .flatMap(({ sha256, ext }) => [join('originals', sha256.slice(0, 2), `${sha256}.${ext}`), join('thumbs', sha256.slice(0, 2), `${sha256}.webp`)])
      .sort()
  } finally {
    db.close()
  }
}

/** What actually sits in the blob store folders (originals and thumbnails). */
export function actualStoreFiles(root: string): string[] {
  return ['originals', 'thumbs'].flatMap((dir) => filesUnder(join(root, dir)).map((file) => join(dir, file))).sort()
}

export function integrityCheck(root: string): string {
  const db = new Database(join(root, 'library.sqlite'), { readonly: true })
  try {
    return db.pragma('integrity_check', { simple: true }) as string
  } finally {
    db.close()
  }
}

export function makeDirs(...dirs: string[]): void {
  for (const dir of dirs) mkdirSync(dir, { recursive: true })
}
