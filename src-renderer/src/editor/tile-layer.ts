import type { DeepZoom } from '@contract'
import { Group } from 'konva/lib/Group'
import { Image as KonvaImage } from 'konva/lib/shapes/Image'
import { tileKey, tilePlacement, type TileRef } from './deep-zoom'
import type { TileCache } from './tile-cache'

/** The Konva nodes of one pyramid level: only the tiles asked for exist, each added once its image loaded. */
export class TileLayer {
  readonly group = new Group({ listening: false })
  private readonly nodes = new Map<string, KonvaImage>()
  private readonly urls = new Map<string, string>()
  private wanted = new Set<string>()

  constructor(
    readonly level: number,
    private readonly dz: DeepZoom,
    private readonly urlOf: (tile: TileRef) => string,
    private readonly cache: TileCache,
    private readonly redraw: () => void
  ) {}

  /** Shows exactly these tiles, loading the missing ones. */
  show(tiles: TileRef[]): void {
    this.keepOnly(tiles)
    for (const tile of tiles) {
      const key = tileKey(tile)
      if (this.nodes.has(key) || this.urls.has(key)) continue
      const url = this.urlOf(tile)
      this.urls.set(key, url)
      this.cache.load(
        url,
        (image) => this.place(key, tile, image),
        () => this.urls.delete(key)
      )
    }
  }

  /** Drops every node outside these tiles without loading anything new. */
  keepOnly(tiles: TileRef[]): void {
    this.wanted = new Set(tiles.map(tileKey))
    for (const [key, node] of this.nodes) {
      if (this.wanted.has(key)) continue
      node.destroy()
      this.nodes.delete(key)
      this.urls.delete(key)
    }
  }

  /** Whether every tile asked for last is on screen. */
  complete(): boolean {
    for (const key of this.wanted) if (!this.nodes.has(key)) return false
    return true
  }

  urlsInUse(): string[] {
    return [...this.urls.values()]
  }

  destroy(): void {
    this.group.destroy()
    this.nodes.clear()
    this.urls.clear()
  }

  private place(key: string, tile: TileRef, image: HTMLImageElement): void {
    if (!this.wanted.has(key) || this.nodes.has(key)) return
    const node = new KonvaImage({ image, ...tilePlacement(this.dz, tile, image.naturalWidth, image.naturalHeight), listening: false, perfectDrawEnabled: false })
    this.group.add(node)
    this.nodes.set(key, node)
    this.redraw()
  }
}
