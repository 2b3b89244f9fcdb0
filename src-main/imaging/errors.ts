import { SUPPORTED_FORMATS } from './limits'

export type ImageErrorCode =
  | 'not-an-image'
  | 'truncated'
  | 'too-many-pixels'
  | 'unsupported-format'
  | 'empty-file'
  | 'unreadable'
  | 'corrupt'

/** A file that cannot be used as an image; `message` is short and meant for the user. */
export class ImageError extends Error {
  constructor(
    readonly code: ImageErrorCode,
    message: string,
    options?: { cause?: unknown }
  ) {
    super(message, options)
    this.name = 'ImageError'
  }
}

/** What is known about the failing input besides the error itself. */
export interface ImageErrorContext {
  /** Format named by the file's signature (sharp's names, plus `avif`, `bmp`, `psd`, `jxl`, `jp2`, `pdf`). */
  format?: string
  /** The file visibly stops before its end marker. */
  endsEarly?: boolean
}

const FORMAT_LABELS: Record<string, string> = {
  jpeg: 'JPEG',
  png: 'PNG',
  webp: 'WebP',
  tiff: 'TIFF',
  gif: 'GIF',
  avif: 'AVIF',
  heif: 'HEIC/HEIF',
  bmp: 'BMP',
  psd: 'Photoshop (PSD)',
  jxl: 'JPEG XL',
  jp2: 'JPEG 2000',
  pdf: 'PDF',
  svg: 'SVG'
}

const FILE_PROBLEMS: Record<string, string> = {
  ENOENT: 'file not found',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'this is a folder, not a file',
  EMFILE: 'too many files open; try again',
  ENAMETOOLONG: 'the file name is too long'
}

const TRUNCATION = /premature end of (jpeg|image|file|input)|unexpected end|end of file|truncated/i

/** Decoder names libvips puts at the start of its messages, and the format each one reads. */
const DECODER_FORMATS: Array<[RegExp, string]> = [
  [/jpeg/i, 'jpeg'],
  [/png/i, 'png'],
  [/webp/i, 'webp'],
  [/tiff/i, 'tiff'],
  [/gif/i, 'gif'],
  [/heif|avif/i, 'heif']
]

function formatLabel(format: string | undefined): string {
  return format ? (FORMAT_LABELS[format] ?? format.toUpperCase()) : 'image'
}

export function pixelLimitError(width: number, height: number, maxPixels: number): ImageError {
  const megapixels = Number((maxPixels / 1e6).toPrecision(3))
  return new ImageError('too-many-pixels', `exceeds ${megapixels} megapixels (${width}×${height})`)
}

export function unsupportedFormatError(format: string): ImageError {
  return new ImageError('unsupported-format', notSupported(format))
}

function notSupported(format: string): string {
  return `${formatLabel(format)} images are not supported`
}

/** Maps a sharp/libvips or file-system failure to a code and a message fit for the user. */
export function toImageError(err: unknown, context: ImageErrorContext = {}): ImageError {
  if (err instanceof ImageError) return err
  const fileError = err as NodeJS.ErrnoException | undefined
  if (fileError?.code && FILE_PROBLEMS[fileError.code]) return new ImageError('unreadable', FILE_PROBLEMS[fileError.code], { cause: err })
  if (fileError?.syscall) return new ImageError('unreadable', `the file could not be read (${fileError.code ?? fileError.syscall})`, { cause: err })
  const [code, message] = classify(err instanceof Error ? err.message : String(err), context)
  return new ImageError(code, message, { cause: err })
}

function classify(message: string, context: ImageErrorContext): [ImageErrorCode, string] {
  if (/input buffer is empty/i.test(message)) return ['empty-file', 'empty file (0 bytes)']
  if (/input file is missing/i.test(message)) return ['unreadable', 'file not found']
  if (/exceeds pixel limit/i.test(message)) return ['too-many-pixels', 'exceeds the pixel limit']
  const { format } = context
  if (/unsupported image format/i.test(message) && !format) return ['not-an-image', 'not an image (no known image signature)']
  if (format && !SUPPORTED_FORMATS.has(format)) return ['unsupported-format', notSupported(format)]
  const label = formatLabel(format ?? DECODER_FORMATS.find(([decoder]) => decoder.test(message))?.[1])
  if (context.endsEarly || TRUNCATION.test(message)) return ['truncated', `truncated ${label}: the file ends before the image data does`]
  return ['corrupt', `damaged ${label}: the image data cannot be decoded`]
}
