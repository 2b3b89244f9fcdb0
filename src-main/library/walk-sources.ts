import { isClutter } from '../../src-preload/import-filter'
import type { Dirent } from 'node:fs'
import { readdir, stat } from 'node:fs/promises'
import { basename, join } from 'node:path'
import type { ImportSource } from '../../src-preload/contract'
import { StudioError } from '../common/studio-error'
import { importFailure, type ImportFailure } from './import-failure'

export interface SourceFile {
  path: string
  /** What the report and the library call it: the source's name, plus the path inside a dropped folder. */
  name: string
}

export interface ExpandedSources {
  files: SourceFile[]
  failed: ImportFailure[]
}

const notAFile = (name: string): ImportFailure =>
  importFailure(name, new StudioError('not-a-file', 'not a regular file (a device, socket or pipe)'))

const byName = (a: Dirent, b: Dirent): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)

/**
 * Lists the files the sources stand for, in a stable order: files as given, folders walked recursively
 * in name order, skipping clutter (dot-files, dot-folders, Thumbs.db…) and never following a symlinked folder.
 */
export async function expandSources(sources: readonly ImportSource[], signal?: AbortSignal): Promise<ExpandedSources> {
  const out: ExpandedSources = { files: [], failed: [] }
  for (const source of sources) {
    if (signal?.aborted) break
    const name = source.name ?? basename(source.path)
    try {
      const info = await stat(source.path)
      if (info.isFile()) out.files.push({ path: source.path, name })
      else if (info.isDirectory()) await walk(source.path, name, out, signal)
      else out.failed.push(notAFile(name))
    } catch (err) {
      out.failed.push(importFailure(name, err))
    }
  }
  return out
}

async function walk(dir: string, name: string, out: ExpandedSources, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return
  let entries: Dirent[]
  try {
    entries = await readdir(dir, { withFileTypes: true })
  } catch (err) {
    out.failed.push(importFailure(name, err))
    return
  }
  for (const entry of entries.sort(byName)) {
    if (isClutter(entry.name)) continue
    const path = join(dir, entry.name)
    const entryName = `${name}/${entry.name}`
    if (entry.isDirectory()) await walk(path, entryName, out, signal)
    else if (entry.isFile()) out.files.push({ path, name: entryName })
    else if (entry.isSymbolicLink()) await addLinkedFile(path, entryName, out)
    else out.failed.push(notAFile(entryName))
  }
}

/** A symlink inside a folder counts when it points at a file; a linked folder is not followed. */
async function addLinkedFile(path: string, name: string, out: ExpandedSources): Promise<void> {
  try {
    const target = await stat(path)
    if (target.isFile()) out.files.push({ path, name })
    else if (!target.isDirectory()) out.failed.push(notAFile(name))
  } catch (err) {
    out.failed.push(importFailure(name, err))
  }
}
