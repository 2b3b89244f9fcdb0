import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { tempSiblingPath } from '../common/atomic-write'
import { withImageErrors } from './failures'
import { openImage, type OpenOptions } from './open'

/** A Deep Zoom (DZI) tile pyramid; level L is ceil(width / 2^(levels-1-L)) wide, the last level is full size. */
export interface DeepZoomInfo {
  width: number
  height: number
  tileSize: number
  overlap: number
  format: 'jpeg' | 'webp'
  levels: number
}

export interface DeepZoomOptions extends OpenOptions {
  tileSize?: number
}

const DEFAULT_TILE_SIZE = 512
const TILE_QUALITY = 85
const INFO_FILE = 'info.json'
/** sharp writes `<name>.dzi` and `<name>_files/<level>/<col>_<row>.<format>`. */
const PYRAMID_NAME = 'tiles'

/** A tile's path relative to the pyramid's folder. */
export function deepZoomTilePath(info: DeepZoomInfo, level: number, col: number, row: number): string {
  return `${PYRAMID_NAME}_files/${level}/${col}_${row}.${info.format}`
}

/**
 * Builds the pyramid for `input` into `outDir`, or returns the one already there with the same tile size. The folder appears
 * complete or not at all: tiles are written to a temporary sibling that is renamed into place.
 */
export async function buildDeepZoom(input: string, outDir: string, opts: DeepZoomOptions = {}): Promise<DeepZoomInfo> {
  const tileSize = opts.tileSize ?? DEFAULT_TILE_SIZE
  const existing = await readInfo(outDir)
  if (existing?.tileSize === tileSize) return existing
  const { meta, pipeline } = await openImage(input, opts)
  const { width, height } = meta.autoOrient
  const format = meta.hasAlpha ? 'webp' : 'jpeg'
  const info: DeepZoomInfo = { width, height, tileSize, overlap: 0, format, levels: levelCount(width, height) }
  const staging = tempSiblingPath(outDir)
  try {
    await mkdir(staging, { recursive: true })
    pipeline.rotate().toFormat(format, { quality: TILE_QUALITY }).tile({ size: tileSize, overlap: 0, layout: 'dz' })
    await withImageErrors(input, () => pipeline.toFile(join(staging, PYRAMID_NAME)))
    await writeFile(join(staging, INFO_FILE), JSON.stringify(info, null, 2))
    return await publish(staging, outDir, info)
  } finally {
    await rm(staging, { recursive: true, force: true })
  }
}

/** Levels down to 1×1, halving (rounding up) each time, as libvips' `onepixel` depth does. */
function levelCount(width: number, height: number): number {
  let levels = 1
  for (let size = Math.max(width, height); size > 1; size = Math.ceil(size / 2)) levels++
  return levels
}

async function publish(staging: string, outDir: string, info: DeepZoomInfo): Promise<DeepZoomInfo> {
  await rm(outDir, { recursive: true, force: true })
  try {
    await rename(staging, outDir)
    return info
  } catch (err) {
    // Another build of the same image won the race; its pyramid is as good as ours.
    const theirs = await readInfo(outDir)
    if (theirs) return theirs
    throw err
  }
}

async function readInfo(outDir: string): Promise<DeepZoomInfo | null> {
  try {
    const info: unknown = JSON.parse(await readFile(join(outDir, INFO_FILE), 'utf8'))
    return isDeepZoomInfo(info) ? info : null
  } catch {
    return null
  }
}

function isDeepZoomInfo(value: unknown): value is DeepZoomInfo {
  if (typeof value !== 'object' || value === null) return false
  const info = value as Record<string, unknown>
  const counts = [info.width, info.height, info.tileSize, info.levels]
  return (
    counts.every((n) => Number.isInteger(n) && (n as number) > 0) &&
    info.overlap === 0 &&
    (info.format === 'jpeg' || info.format === 'webp') &&
    info.levels === levelCount(info.width as number, info.height as number)
  )
}
