import { readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { BlobStore } from './blob-store'

const SHARD = /^[0-9a-f]{2}$/

const remove = (path: string): void => rmSync(path, { recursive: true, force: true })

/**
 * Run at open, before any other work: files are written before their row, and rows are deleted before
 * their files, so a crash can leave files no row knows about. Those go, with temp files, staged uploads
 * and tile sets of unknown images and versions. `known` maps every stored original's sha256 to its extension,
 * `knownVersions` the same for version files.
 */
export function sweepOrphans(store: BlobStore, known: ReadonlyMap<string, string>, knownVersions: ReadonlyMap<string, string>): void {
  sweepShards(store.originalsDir, (sha) => known.get(sha))
  sweepShards(store.versionsDir, (sha) => knownVersions.get(sha))
  sweepShards(store.thumbsDir, (sha) => (known.has(sha) ? 'webp' : undefined))
  sweepTileSets(store.tilesRoot, known)
  sweepTileSets(store.versionTilesRoot, knownVersions)
  for (const entry of readdirSync(store.stagingDir)) remove(join(store.stagingDir, entry))
}

/** Keeps, in `root`, only the tile folders of a known sha. */
function sweepTileSets(root: string, known: ReadonlyMap<string, string>): void {
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (!entry.isDirectory() || !known.has(entry.name)) remove(join(root, entry.name))
  }
}

/** Keeps, in `<dir>/<sha[0:2]>/`, only files named exactly `<sha>.<extensionOf(sha)>` for a known sha. */
function sweepShards(dir: string, extensionOf: (sha: string) => string | undefined): void {
  for (const shard of readdirSync(dir, { withFileTypes: true })) {
    const shardPath = join(dir, shard.name)
    if (!shard.isDirectory() || !SHARD.test(shard.name)) {
      remove(shardPath)
      continue
    }
    for (const file of readdirSync(shardPath)) {
      const sha = file.slice(0, 64)
      const ext = extensionOf(sha)
      if (ext === undefined || !sha.startsWith(shard.name) || file !== `${sha}.${ext}`) remove(join(shardPath, file))
    }
  }
}

/**
 * Training runs are folders `<runs>/<id>/` written before their row: a folder without a row is a run whose start
 * never finished, or whose removal did not. In a known run's folder, hidden temp files (a save as a model cut short)
 * go too.
 */
export function sweepRuns(runsDir: string, known: ReadonlySet<string>): void {
  for (const entry of readdirSync(runsDir, { withFileTypes: true })) {
    const runDir = join(runsDir, entry.name)
    if (!entry.isDirectory() || !known.has(entry.name)) remove(runDir)
    else for (const file of readdirSync(runDir)) if (file.startsWith('.') && file.endsWith('.tmp')) remove(join(runDir, file))
  }
}
