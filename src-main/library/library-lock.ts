import Database from 'better-sqlite3'
import { join } from 'node:path'
import { StudioError } from '../common/studio-error'

const LOCK_FILE = 'library.lock'

/**
 * Takes an exclusive OS lock on `<root>/library.lock` for as long as the library stays open, so a second
 * process (the CLI beside the app) cannot run its recovery sweep over files this one is still writing.
 * The OS drops the lock when the process dies, so a crash never leaves a stale lock behind.
 */
export function lockLibrary(root: string, nativeBinding?: string): () => void {
  const lock = new Database(join(root, LOCK_FILE), { nativeBinding, timeout: 1000 })
  try {
    lock.pragma('locking_mode = EXCLUSIVE')
    lock.exec('BEGIN EXCLUSIVE; COMMIT')
  } catch (err) {
    lock.close()
    if ((err as { code?: string }).code === 'SQLITE_BUSY') {
      throw new StudioError('busy', `The library at ${root} is already open in another GAN Studio window or command; close it first.`)
    }
    throw err
  }
  return () => lock.close()
}
