/** What a file that failed to parse as ONNX looks like instead, so the refusal can say so. */
interface Signature {
  matches: (head: Buffer) => boolean
  description: string
}

const startsWith = (head: Buffer, bytes: readonly number[], at = 0): boolean => bytes.every((byte, i) => head[at + i] === byte)
const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0))

const SIGNATURES: readonly Signature[] = [
  { matches: (h) => startsWith(h, [0xff, 0xd8, 0xff]), description: 'it is a JPEG image' },
  { matches: (h) => startsWith(h, [0x89, ...ascii('PNG')]), description: 'it is a PNG image' },
  { matches: (h) => startsWith(h, ascii('GIF8')), description: 'it is a GIF image' },
  { matches: (h) => startsWith(h, ascii('RIFF')) && startsWith(h, ascii('WEBP'), 8), description: 'it is a WebP image' },
  { matches: (h) => startsWith(h, ascii('II*\0')) || startsWith(h, ascii('MM\0*')), description: 'it is a TIFF image' },
  {
    matches: (h) => startsWith(h, ascii('PK\x03\x04')),
    description: 'it is a ZIP archive, as PyTorch .pt/.pth checkpoints are; export the network to ONNX first'
  },
  { matches: (h) => h[0] === 0x80 && h[1] !== undefined && h[1] >= 2 && h[1] <= 5, description: 'it is a Python pickle, as old PyTorch checkpoints are; export the network to ONNX first' },
  { matches: (h) => startsWith(h, [0x89, ...ascii('HDF')]), description: 'it is an HDF5 file, as Keras .h5 models are; convert it to ONNX first' },
  { matches: (h) => startsWith(h, [0x1f, 0x8b]), description: 'it is gzip-compressed; decompress it first' },
  {
    matches: (h) => h.toString('latin1').startsWith('version https://git-lfs'),
    description: 'it is a Git LFS pointer, not the model itself; download the actual file'
  }
]

/** A phrase for the refusal message: what the bytes are, when recognisable; otherwise undefined. */
export function describeNonOnnx(bytes: Uint8Array): string | undefined {
  if (bytes.length === 0) return 'the file is empty'
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 64))
  const known = SIGNATURES.find((signature) => signature.matches(head))
  if (known) return known.description
  return isText(head) ? 'it is a text file' : undefined
}

/** Printable ASCII and common whitespace only: ONNX files start with binary field tags. */
function isText(head: Buffer): boolean {
  return head.every((byte) => byte === 0x09 || byte === 0x0a || byte === 0x0d || (byte >= 0x20 && byte < 0x7f))
}
