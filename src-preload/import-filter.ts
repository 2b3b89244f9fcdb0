/** System clutter inside folders (dot-files, Thumbs.db, desktop.ini): skipped, never reported as a failed import. */
export function isClutter(name: string): boolean {
  return name.startsWith('.') || /^(thumbs\.db|desktop\.ini)$/i.test(name)
}
