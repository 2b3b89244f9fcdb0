import type { ImportReport } from '../../src-preload/contract'
import { StudioError } from '../common/studio-error'
import { ImageError } from '../imaging'

export type ImportFailure = ImportReport['failed'][number]

const FILE_ERRORS: Record<string, { code: string; reason: string }> = {
  ENOENT: { code: 'not-found', reason: 'the file or folder no longer exists' },
  EACCES: { code: 'unreadable', reason: 'permission denied' },
  EPERM: { code: 'unreadable', reason: 'permission denied' },
  EISDIR: { code: 'unreadable', reason: 'expected a file but found a folder' },
  ENOSPC: { code: 'disk-full', reason: 'the disk holding the library is full' },
  ERR_FS_FILE_TOO_LARGE: { code: 'too-large', reason: 'files over 2 GB cannot be imported' },
  EMFILE: { code: 'unreadable', reason: 'too many files open; try again' }
}

/** Turns whatever went wrong with one source into a report line a person can act on. */
export function importFailure(name: string, err: unknown): ImportFailure {
  if (err instanceof ImageError || err instanceof StudioError) return { name, code: err.code, reason: err.message }
  const known = FILE_ERRORS[(err as NodeJS.ErrnoException)?.code ?? '']
  if (known) return { name, ...known }
  return { name, code: 'unreadable', reason: err instanceof Error ? err.message : String(err) }
}
