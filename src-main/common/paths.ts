import { homedir } from 'node:os'
import { isAbsolute, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

/** Where the library lives unless the user says otherwise; the same for the app, the bridge and the CLI. */
export function defaultLibraryRoot(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.GAN_STUDIO_HOME) return env.GAN_STUDIO_HOME
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'GAN Studio', 'library')
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'GAN Studio', 'library')
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'gan-studio', 'library')
}

/**
 * The built-in models' manifest, `<app>/models/manifest.json`. This file sits two folders below the app's
 * root both as source (src-main/common/) and bundled into Electron's main (out/main/).
 */
export function builtInModelsManifest(): string {
  return fileURLToPath(new URL('../../models/manifest.json', import.meta.url))
}

/** True when `path` lies strictly inside the folder `dir`. */
export function isInside(dir: string, path: string): boolean {
  const rel = relative(dir, resolve(path))
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel)
}
