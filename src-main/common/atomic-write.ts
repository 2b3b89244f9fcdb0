import { randomBytes } from 'node:crypto'
import { mkdir, open, rename, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

const TEMP_SUFFIX = '.tmp'

/** A hidden, unique sibling of `target` (`<dir>/.<base>.<random>.tmp`), on the same file system so it can be renamed over it. */
export function tempSiblingPath(target: string): string {
  return join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`)
}

/**
 * Replaces `path` with `data` all at once: readers see the old file or the new one, never a partial write.
 * `data` may come in chunks, written one after another (large files need not be joined in memory first).
 */
export async function writeFileAtomic(path: string, data: Uint8Array | readonly Uint8Array[]): Promise<void> {
  await mkdir(dirname(path), { recursive: true })
  const temp = tempSiblingPath(path)
  try {
    const file = await open(temp, 'wx')
    try {
      for (const chunk of data instanceof Uint8Array ? [data] : data) await file.writeFile(chunk)
      await file.sync()
    } finally {
      await file.close()
    }
  } catch (err) {
    await rm(temp, { force: true })
    throw err
  }
  await moveIntoPlace(temp, path)
}

/** Renames a complete, synced temp file over `path` durably; the temp is removed if the rename fails. */
export async function moveIntoPlace(temp: string, path: string): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true })
    await rename(temp, path)
  } catch (err) {
    await rm(temp, { force: true })
    throw err
  }
  await syncDirectory(dirname(path))
}

/** Flushes a file to disk, or a folder's entries (`'r'`: folders cannot be opened for writing). */
export async function syncPath(path: string, flags: 'r' | 'r+' = 'r+'): Promise<void> {
  const handle = await open(path, flags)
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/** Makes the rename itself durable; not possible on every platform (Windows refuses to open folders), hence best effort. */
async function syncDirectory(dir: string): Promise<void> {
  try {
    await syncPath(dir, 'r')
  } catch {
    // The data is already safe in the renamed file; only the directory entry's durability is at stake.
  }
}
