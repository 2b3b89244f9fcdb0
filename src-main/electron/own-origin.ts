/**
 * True when `url` belongs to one of `origins` exactly (scheme, host and port); never by prefix.
 * Compares `protocol//host` rather than URL.origin, which Node reports as "null" for custom schemes.
 */
export function isOwnOrigin(url: string, origins: readonly string[]): boolean {
  try {
    const { protocol, host } = new URL(url)
    return origins.includes(`${protocol}//${host}`)
  } catch {
    return false
  }
}
