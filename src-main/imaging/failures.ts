import { open } from 'node:fs/promises'
import { ImageError, toImageError } from './errors'

const HEAD_BYTES = 32
const TAIL_BYTES = 32

/** What the bytes of an input say about it, read only once decoding has failed. */
interface FileEvidence {
  size: number
  format?: string
  endsEarly: boolean
}

/** A format and the bytes found at fixed offsets in every file of it. */
type Signature = { format: string; parts: Array<[offset: number, bytes: number[]]> }

const ascii = (text: string): number[] => [...text].map((char) => char.charCodeAt(0))
const at = (offset: number, bytes: number[] | string): [number, number[]] => [offset, typeof bytes === 'string' ? ascii(bytes) : bytes]

const SIGNATURES: Signature[] = [
  { format: 'jpeg', parts: [at(0, [0xff, 0xd8, 0xff])] },
  { format: 'png', parts: [at(0, [0x89, ...ascii('PNG\r\n'), 0x1a, 0x0a])] },
  { format: 'gif', parts: [at(0, 'GIF8')] },
  { format: 'webp', parts: [at(0, 'RIFF'), at(8, 'WEBP')] },
  { format: 'tiff', parts: [at(0, 'II*\0')] },
  { format: 'tiff', parts: [at(0, 'MM\0*')] },
  { format: 'avif', parts: [at(4, 'ftypavi')] },
  { format: 'heif', parts: [at(4, 'ftyphei')] },
  { format: 'heif', parts: [at(4, 'ftyphev')] },
  { format: 'heif', parts: [at(4, 'ftypmif1')] },
  { format: 'heif', parts: [at(4, 'ftypmsf1')] },
  { format: 'psd', parts: [at(0, '8BPS')] },
  { format: 'jxl', parts: [at(0, [0xff, 0x0a])] },
  { format: 'jxl', parts: [at(4, 'JXL \r\n')] },
  { format: 'jp2', parts: [at(4, 'jP  \r\n')] },
  { format: 'pdf', parts: [at(0, '%PDF-')] }
]

/** Header sizes a BMP's second structure may have; "BM" alone is too common a start for text. */
const BMP_DIB_HEADER_SIZES = new Set([12, 40, 52, 56, 64, 108, 124])

/** The image format whose signature starts `head`, if any. */
function sniffFormat(head: Buffer): string | undefined {
  const found = SIGNATURES.find(({ parts }) => parts.every(([offset, bytes]) => bytes.every((byte, i) => head[offset + i] === byte)))
  if (found) return found.format
  if (head.length >= 18 && head.toString('latin1', 0, 2) === 'BM' && BMP_DIB_HEADER_SIZES.has(head.readUInt32LE(14))) return 'bmp'
  return undefined
}

function endsEarly(format: string, head: Buffer, tail: Buffer, size: number): boolean {
  switch (format) {
    case 'jpeg':
      return !tail.includes(Buffer.from([0xff, 0xd9]))
    case 'png':
      return !tail.includes('IEND')
    case 'gif':
      return tail.at(-1) !== 0x3b
    case 'webp':
      return head.length >= 8 && head.readUInt32LE(4) + 8 > size
    default:
      return false
  }
}

async function readEvidence(input: string | Buffer): Promise<FileEvidence> {
  const { size, head, tail } = typeof input === 'string' ? await readEnds(input) : bufferEnds(input)
  const format = sniffFormat(head)
  return { size, format, endsEarly: format !== undefined && endsEarly(format, head, tail, size) }
}

function bufferEnds(input: Buffer): { size: number; head: Buffer; tail: Buffer } {
  return { size: input.length, head: input.subarray(0, HEAD_BYTES), tail: input.subarray(-TAIL_BYTES) }
}

async function readEnds(path: string): Promise<{ size: number; head: Buffer; tail: Buffer }> {
  const file = await open(path, 'r')
  try {
    const { size } = await file.stat()
    const head = Buffer.alloc(Math.min(HEAD_BYTES, size))
    const tail = Buffer.alloc(Math.min(TAIL_BYTES, size))
    await file.read(head, 0, head.length, 0)
    await file.read(tail, 0, tail.length, size - tail.length)
    return { size, head, tail }
  } finally {
    await file.close()
  }
}

/** Turns a decoding failure into an ImageError, using the input's own bytes to tell truncation, format and emptiness apart. */
async function explainFailure(err: unknown, input: string | Buffer): Promise<ImageError> {
  if (err instanceof ImageError) return err
  let evidence: FileEvidence
  try {
    evidence = await readEvidence(input)
  } catch (fileErr) {
    return toImageError(fileErr)
  }
  if (evidence.size === 0) return new ImageError('empty-file', 'empty file (0 bytes)', { cause: err })
  return toImageError(err, evidence)
}

/** Runs sharp work on `input`, rethrowing any failure as an ImageError. */
export async function withImageErrors<T>(input: string | Buffer, work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (err) {
    throw await explainFailure(err, input)
  }
}
