import type { DeepZoom } from '@contract'
import { Group } from 'konva/lib/Group'
import { Layer } from 'konva/lib/Layer'
import { allTiles, baseLevelFor, levelFor, tilesIn, type Rect, type TileRef } from './deep-zoom'
import { TileCache } from './tile-cache'
import { TileLayer } from './tile-layer'

const CACHED_TILES = 300
const MAX_BASE_TILES = 64
const OVERSCAN = 0.1
/** Above this many device pixels per image pixel, show pixels as crisp squares. */
const CRISP_FROM = 2

interface ViewState {
  zoom: number
  x: number
  y: number
  fitZoom: number
  visible: Rect
}

/**
 * Draws a Deep Zoom pyramid into one Konva layer: a whole low-resolution level underneath (so nothing is
 * ever blank), the visible tiles of the level matching the zoom on top, and the previous level kept only
 * until the new one has arrived.
 */
export class PyramidView {
  readonly layer = new Layer({ listening: false })
  private readonly image: Group
  private readonly levels = new Map<number, TileLayer>()
  private readonly cache = new TileCache(CACHED_TILES)
  private base: TileLayer | null = null
  private detail: TileLayer | null = null
  private visible: Rect = { x: 0, y: 0, width: 0, height: 0 }

  constructor(
    private readonly dz: DeepZoom,
    private readonly urlOf: (tile: TileRef) => string
  ) {
    this.image = new Group({ clipX: 0, clipY: 0, clipWidth: dz.width, clipHeight: dz.height, listening: false })
    this.layer.add(this.image)
  }

  render(view: ViewState, pixelRatio: number): void {
    const { dz } = this
    this.image.position({ x: view.x, y: view.y })
    this.image.scale({ x: view.zoom, y: view.zoom })
    this.layer.imageSmoothingEnabled(view.zoom * pixelRatio < CRISP_FROM)
    const pad = Math.max(view.visible.width, view.visible.height) * OVERSCAN
    this.visible = { x: view.visible.x - pad, y: view.visible.y - pad, width: view.visible.width + 2 * pad, height: view.visible.height + 2 * pad }

    const baseLevel = baseLevelFor(dz, levelFor(dz, view.fitZoom * pixelRatio), MAX_BASE_TILES)
    const detailLevel = levelFor(dz, view.zoom * pixelRatio)
    this.base = this.levelLayer(baseLevel)
    this.base.show(allTiles(dz, baseLevel))
    this.detail = detailLevel > baseLevel ? this.levelLayer(detailLevel) : null
    this.detail?.show(tilesIn(dz, detailLevel, this.visible))
    this.pruneStale()
    this.cache.evict(new Set([...this.levels.values()].flatMap((l) => l.urlsInUse())))
    this.layer.batchDraw()
  }

  destroy(): void {
    for (const level of this.levels.values()) level.destroy()
    this.levels.clear()
    this.cache.clear()
    this.layer.destroy()
  }

  private levelLayer(level: number): TileLayer {
    let layer = this.levels.get(level)
    if (!layer) {
      layer = new TileLayer(level, this.dz, this.urlOf, this.cache, () => this.tileArrived())
      this.levels.set(level, layer)
      this.image.add(layer.group)
      for (const [index, l] of [...this.levels.values()].sort((a, b) => a.level - b.level).entries()) l.group.zIndex(index)
    }
    return layer
  }

  private tileArrived(): void {
    this.pruneStale()
    this.layer.batchDraw()
  }

  /** Levels other than base and detail stay (cropped to the view) only until those two are complete. */
  private pruneStale(): void {
    const settled = (this.base?.complete() ?? true) && (this.detail?.complete() ?? true)
    for (const [level, layer] of this.levels) {
      if (layer === this.base || layer === this.detail) continue
      if (settled) {
        layer.destroy()
        this.levels.delete(level)
      } else {
        layer.keepOnly(tilesIn(this.dz, level, this.visible))
      }
    }
  }
}
