import { resolve, sep } from 'node:path'
import type { DeepZoom } from '../../src-preload/contract'
import { buildDeepZoom, deepZoomTilePath, type DeepZoomInfo } from '../imaging'
import type { BlobStore } from './blob-store'
import type { StoredImage } from './images-repo'

/** Deep-zoom tile sets for the Editor, built once per image into `<root>/cache/tiles/<sha256>/`. */
export class TileCache {
  private readonly builds = new Map<string, Promise<DeepZoomInfo>>()
  /** Tile sets handed out this session; only their tiles are served. */
  private readonly served = new Map<string, DeepZoomInfo>()

  constructor(
    private readonly store: BlobStore,
    private readonly maxPixels?: number
  ) {}

  /** Builds the set, or reuses the one on disk; concurrent calls for one image share a single build. */
  async open(image: StoredImage, stillStored: () => boolean): Promise<DeepZoom> {
    let build = this.builds.get(image.sha256)
    if (!build) {
      build = buildDeepZoom(this.store.originalPath(image.sha256, image.ext), this.store.tilesDir(image.sha256), { maxPixels: this.maxPixels })
      this.builds.set(image.sha256, build)
      void build.catch(() => undefined).finally(() => this.builds.delete(image.sha256))
    }
    const info = await build
    if (stillStored()) this.served.set(image.sha256, info)
    const { width, height, tileSize, overlap, format, levels } = info
    return { width, height, tileSize, overlap, format, levels }
  }

  /** The tile's absolute path, or null unless its set was opened and the tile exists in it. */
  tileFile(sha256: string, level: number, col: number, row: number, ext: string): string | null {
    const info = this.served.get(sha256)
    if (!info || info.format !== ext || level >= info.levels) return null
    const dir = this.store.tilesDir(sha256)
    const file = resolve(dir, deepZoomTilePath(info, level, col, row))
    return file.startsWith(dir + sep) ? file : null
  }

  forget(sha256: string): void {
    this.served.delete(sha256)
  }
}
