import type { DeepZoom } from '@contract'
import { mediaPaths } from '../../src-preload/media-paths'
import { mediaUrl } from './api'

export function thumbUrl(sha256: string): string {
  return mediaUrl(mediaPaths.thumb(sha256))
}

export function tileUrl(sha256: string, level: number, col: number, row: number, format: DeepZoom['format']): string {
  return mediaUrl(mediaPaths.tile(sha256, level, col, row, format))
}

export function versionTileUrl(sha256: string, level: number, col: number, row: number, format: DeepZoom['format']): string {
  return mediaUrl(mediaPaths.versionTile(sha256, level, col, row, format))
}
