import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'

export const PHOTO_WIDTH = 4240
export const PHOTO_HEIGHT = 2832
const JPEG_QUALITY = 90
/** Film-like grain, so the JPEGs weigh what a camera's do (a smooth upscale would compress to a fraction). */
const GRAIN_SIGMA = 20
/** Two encodes at once keep both cores of the bench machine busy. */
const PARALLEL_ENCODES = 2
const SOURCE_DIR = new URL('../../shared/photos/color/', import.meta.url).pathname
const COMPLETE_MARKER = '.complete'

export interface GeneratedPhotos {
  dir: string
  files: string[]
  generatedInS: number | null
}

/**
 * `count` distinct ~12 MP JPEGs, each one of the shared colour photos upscaled, grained and slightly
 * brightened by its index; made once into `dir` and reused while the marker file is there.
 */
export async function twelveMegapixelPhotos(dir: string, count: number): Promise<GeneratedPhotos> {
  const files = Array.from({ length: count }, (_, i) => join(dir, `photo-${String(i).padStart(3, '0')}.jpg`))
  if (existsSync(join(dir, COMPLETE_MARKER)) && files.every((file) => existsSync(file))) {
    return { dir, files, generatedInS: null }
  }
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const started = performance.now()
  const sources = readdirSync(SOURCE_DIR).filter((f) => f.endsWith('.jpg')).sort()
  const grain = await sharp({ create: { width: PHOTO_WIDTH, height: PHOTO_HEIGHT, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: GRAIN_SIGMA } } })
    .raw()
    .toBuffer()
  let next = 0
  const encodeNext = async (): Promise<void> => {
    for (let index = next++; index < count; index = next++) {
      await sharp(join(SOURCE_DIR, sources[index % sources.length]!))
        .rotate()
        .resize(PHOTO_WIDTH, PHOTO_HEIGHT, { fit: 'cover', kernel: 'lanczos3' })
        .modulate({ brightness: 1 + (index % 10) * 0.003 })
        .composite([{ input: grain, raw: { width: PHOTO_WIDTH, height: PHOTO_HEIGHT, channels: 3 }, blend: 'soft-light' }])
        .jpeg({ quality: JPEG_QUALITY })
        .toFile(files[index]!)
    }
  }
  await Promise.all(Array.from({ length: PARALLEL_ENCODES }, encodeNext))
  const hashes = new Set(files.map((file) => createHash('sha256').update(readFileSync(file)).digest('hex')))
  if (hashes.size !== count) throw new Error(`generated photos are not distinct: ${hashes.size} different of ${count}`)
  writeFileSync(join(dir, COMPLETE_MARKER), '')
  return { dir, files, generatedInS: (performance.now() - started) / 1000 }
}
