import type { ExportFormat } from '@contract'

const EXTENSIONS: Record<ExportFormat, string> = { png: 'png', jpeg: 'jpg', webp: 'webp', tiff: 'tif' }

/** The folder part of a path, in whichever separator it uses ('' when it has none). */
function folderOf(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'))
  return cut < 0 ? '' : path.slice(0, cut + 1)
}

function separatorOf(path: string): string {
  return path.includes('\\') && !path.includes('/') ? '\\' : '/'
}

/** A name safe on every file system: no separators, reserved or control characters. */
function safeName(name: string): string {
  return name.replace(/[\\/:*?"<>|\p{Cc}]+/gu, '_').trim() || 'image'
}

/**
 * Where an export goes unless the user says otherwise: next to the photo it was imported from, else next to the
 * library folder (never inside it), named after the image and what made the version, with the format's extension.
 */
export function defaultExportPath(request: { imageName: string; sourcePath: string | null; libraryPath: string; suffix: string; format: ExportFormat }): string {
  const folder = request.sourcePath ? folderOf(request.sourcePath) : folderOf(request.libraryPath.replace(/[\\/]+$/, ''))
  const stem = safeName(request.imageName.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, ''))
  const suffix = request.suffix ? `-${safeName(request.suffix)}` : ''
  return `${folder || `.${separatorOf(request.libraryPath)}`}${stem}${suffix}.${EXTENSIONS[request.format]}`
}

/** The same path with the extension of another format (the name is kept when it has none of the known ones). */
export function withFormatExtension(path: string, format: ExportFormat): string {
  const known = /\.(png|jpe?g|webp|tiff?)$/i
  return known.test(path) ? path.replace(known, `.${EXTENSIONS[format]}`) : `${path}.${EXTENSIONS[format]}`
}
