import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import sharp from 'sharp'

/** A few photos of the shared set, in its layout (see CREDITS.md there): real photos in a clean clone too. */
export const PHOTOS = new URL('../fixtures/training-photos/', import.meta.url).pathname

export function photoNames(subset: 'day' | 'night' | 'color', count: number): string[] {
  return readdirSync(join(PHOTOS, subset)).filter((name) => /\.(jpe?g|png)$/i.test(name)).sort().slice(0, count)
}

/** Copies `count` photos of a subset into `dir` (made if needed), under `prefix`-numbered names; returns their names. */
export function copyPhotos(subset: 'day' | 'night' | 'color', count: number, dir: string, names?: (i: number, original: string) => string): string[] {
  mkdirSync(dir, { recursive: true })
  return photoNames(subset, count).map((original, i) => {
    const name = names?.(i, original) ?? original
    mkdirSync(dirname(join(dir, name)), { recursive: true })
    copyFileSync(join(PHOTOS, subset, original), join(dir, name))
    return name
  })
}

/** The first half of a real JPEG. */
export function writeTruncatedJpeg(path: string): void {
  const bytes = readFileSync(join(PHOTOS, 'color', photoNames('color', 1)[0]!))
  writeFileSync(path, bytes.subarray(0, bytes.length >> 1))
}

export async function writeTinyPng(path: string, side = 20): Promise<void> {
  await sharp({ create: { width: side, height: side, channels: 3, background: { r: 200, g: 40, b: 40 } } }).png().toFile(path)
}

/** A real photo stored as an 8-bit greyscale JPEG. */
export async function writeGreyJpeg(path: string): Promise<void> {
  await sharp(join(PHOTOS, 'color', photoNames('color', 2)[1]!)).greyscale().jpeg().toFile(path)
}
