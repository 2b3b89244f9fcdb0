import type { DeepZoom, mediaPaths as contractMediaPaths } from '@contract'
import { mediaUrl } from './api'

/**
 * The contract's `mediaPaths`, restated so the page does not import the contract module at run time (that
 * would bring zod along); the type keeps the signatures in step, the e2e tests the strings.
 */
const mediaPaths: typeof contractMediaPaths = {
  thumb: (sha256) => `thumb/${sha256}.webp`,
  tile: (sha256, level, col, row, format) => `tile/${sha256}/${level}/${col}_${row}.${format === 'jpeg' ? 'jpeg' : 'webp'}`
}

export function thumbUrl(sha256: string): string {
  return mediaUrl(mediaPaths.thumb(sha256))
}

export function tileUrl(sha256: string, level: number, col: number, row: number, format: DeepZoom['format']): string {
  return mediaUrl(mediaPaths.tile(sha256, level, col, row, format))
}
