/** Paths of library media (thumbnails, Editor tiles) under a door's media root. Free of zod: the page imports it. */
export const mediaPaths = {
  thumb: (sha256: string) => `thumb/${sha256}.webp`,
  tile: (sha256: string, level: number, col: number, row: number, format: 'jpeg' | 'webp') => `tile/${sha256}/${level}/${col}_${row}.${format}`,
  /** A tile of a version's pyramid; `sha256` is the version file's. */
  versionTile: (sha256: string, level: number, col: number, row: number, format: 'jpeg' | 'webp') => `version-tile/${sha256}/${level}/${col}_${row}.${format}`,
  /** A training run's sample grid at a step. */
  sample: (runId: string, step: number) => `sample/${runId}/${step}.png`
}
