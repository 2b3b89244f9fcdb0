import { statSync } from 'node:fs'
import { join, normalize, sep } from 'node:path'

/** The renderer's policy, sent as a header by both doors; src-renderer/index.html carries it too, less frame-ancestors (a meta tag cannot). */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

/** Resolves a URL path to a file inside root, or null for anything that would leave it or is not a file. */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return null
  }
  if (decoded.includes('\0')) return null
  const file = normalize(join(root, decoded))
  if (!file.startsWith(root + sep)) return null
  try {
    return statSync(file).isFile() ? file : null
  } catch {
    return null
  }
}
