import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { isInside } from './paths'
import { StudioError } from './studio-error'

/**
 * Where an export may write: never inside the library's own folder (its database and stored files), and over an
 * existing file only when the user said so. Resolves the path.
 */
export function exportTarget(targetPath: string, libraryRoot: string, overwrite: boolean): string {
  const target = resolve(targetPath)
  if (target === resolve(libraryRoot) || isInside(libraryRoot, target)) {
    throw new StudioError('invalid-target', `${target} is inside the library's own folder; export somewhere else`)
  }
  if (!overwrite && existsSync(target)) throw new StudioError('exists', `${target} already exists`)
  return target
}
