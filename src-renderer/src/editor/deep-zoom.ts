import type { DeepZoom } from '@contract'

export interface TileRef {
  level: number
  col: number
  row: number
}

export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

/** How many full-size pixels one pixel of this level stands for. */
function levelScale(dz: DeepZoom, level: number): number {
  return 2 ** (dz.levels - 1 - level)
}

function levelSize(dz: DeepZoom, level: number): { width: number; height: number } {
  const scale = levelScale(dz, level)
  return { width: Math.ceil(dz.width / scale), height: Math.ceil(dz.height / scale) }
}

function tileGrid(dz: DeepZoom, level: number): { cols: number; rows: number } {
  const { width, height } = levelSize(dz, level)
  return { cols: Math.ceil(width / dz.tileSize), rows: Math.ceil(height / dz.tileSize) }
}

/** The smallest level with at least `pixelsPerImagePixel` device pixels for every full-size pixel. */
export function levelFor(dz: DeepZoom, pixelsPerImagePixel: number): number {
  if (pixelsPerImagePixel >= 1) return dz.levels - 1
  const halvings = Math.floor(Math.log2(1 / pixelsPerImagePixel) + 1e-9)
  return Math.max(0, dz.levels - 1 - halvings)
}

/** The largest level whose whole pyramid layer fits in `maxTiles` tiles, but no sharper than `cap`. */
export function baseLevelFor(dz: DeepZoom, cap: number, maxTiles: number): number {
  let level = Math.max(0, Math.min(cap, dz.levels - 1))
  while (level > 0) {
    const { cols, rows } = tileGrid(dz, level)
    if (cols * rows <= maxTiles) break
    level--
  }
  return level
}

/** Tiles of `level` that intersect `view` (given in full-size image pixels). */
export function tilesIn(dz: DeepZoom, level: number, view: Rect): TileRef[] {
  const span = dz.tileSize * levelScale(dz, level)
  const { cols, rows } = tileGrid(dz, level)
  const col0 = Math.max(0, Math.floor(view.x / span))
  const row0 = Math.max(0, Math.floor(view.y / span))
  const col1 = Math.min(cols - 1, Math.floor((view.x + view.width) / span))
  const row1 = Math.min(rows - 1, Math.floor((view.y + view.height) / span))
  const tiles: TileRef[] = []
  for (let row = row0; row <= row1; row++) for (let col = col0; col <= col1; col++) tiles.push({ level, col, row })
  return tiles
}

export function allTiles(dz: DeepZoom, level: number): TileRef[] {
  return tilesIn(dz, level, { x: 0, y: 0, width: dz.width, height: dz.height })
}

/** Where a loaded tile image goes, in full-size image pixels (its overlap, if any, hangs over its neighbours). */
export function tilePlacement(dz: DeepZoom, tile: TileRef, imageWidth: number, imageHeight: number): Rect {
  const scale = levelScale(dz, tile.level)
  const x = (tile.col * dz.tileSize - (tile.col > 0 ? dz.overlap : 0)) * scale
  const y = (tile.row * dz.tileSize - (tile.row > 0 ? dz.overlap : 0)) * scale
  return { x, y, width: imageWidth * scale, height: imageHeight * scale }
}

export function tileKey(tile: TileRef): string {
  return `${tile.level}/${tile.col}_${tile.row}`
}
