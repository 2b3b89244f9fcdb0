import { resolve, sep } from 'node:path'
import type { DeepZoom } from '../../src-preload/contract'
import { buildDeepZoom, deepZoomTilePath, type DeepZoomInfo } from '../imaging'

/** A file to build a pyramid of, named by its content. */
export interface TileSource {
  sha256: string
  /** The file the pyramid is built from. */
  path: string
}

/** Deep-zoom tile sets for the Editor, built once per file into `dirOf(sha256)` (originals and versions each have one cache). */
export class TileCache {
  private readonly builds = new Map<string, Promise<DeepZoomInfo>>()
  /** Tile sets handed out this session; only their tiles are served. */
  private readonly served = new Map<string, DeepZoomInfo>()

  constructor(
    private readonly dirOf: (sha256: string) => string,
    private readonly maxPixels?: number
  ) {}

  /** Builds the set, or reuses the one on disk; concurrent calls for one file share a single build. */
  async open(source: TileSource, stillStored: () => boolean): Promise<DeepZoom> {
    const { sha256, path } = source
    let build = this.builds.get(sha256)
    if (!build) {
      build = buildDeepZoom(path, this.dirOf(sha256), { maxPixels: this.maxPixels })
      this.builds.set(sha256, build)
      void build.catch(() => undefined).finally(() => this.builds.delete(sha256))
    }
    const info = await build
    if (stillStored()) this.served.set(sha256, info)
    const { width, height, tileSize, overlap, format, levels } = info
    return { width, height, tileSize, overlap, format, levels }
  }

  /** The tile's absolute path, or null unless its set was opened and the tile exists in it. */
  tileFile(sha256: string, level: number, col: number, row: number, ext: string): string | null {
    const info = this.served.get(sha256)
    if (!info || info.format !== ext || level >= info.levels) return null
    const dir = this.dirOf(sha256)
    const file = resolve(dir, deepZoomTilePath(info, level, col, row))
    return file.startsWith(dir + sep) ? file : null
  }

  forget(sha256: string): void {
    this.served.delete(sha256)
  }
}
