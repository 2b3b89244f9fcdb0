import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { z } from 'zod'
import { writeFileAtomic } from '../../common/atomic-write'
import { StudioError } from '../../common/studio-error'

/** Named float32 arrays and a JSON record: what a checkpoint holds. */
export interface CheckpointContents {
  meta: Record<string, unknown>
  tensors: Array<{ name: string; shape: number[]; data: Float32Array }>
}

/** Eight bytes no text file starts with; the CR LF catch a copy that mangled line ends. */
const MAGIC = Buffer.from('GSCKPT\r\n', 'latin1')
export const CHECKPOINT_VERSION = 1
const PREFIX_BYTES = MAGIC.length + 4
const MAX_HEADER_BYTES = 256 * 1024 * 1024

const TensorEntry = z.object({
  name: z.string().min(1),
  shape: z.array(z.number().int().min(0)),
  /** In floats, from the start of the data section. */
  offset: z.number().int().min(0),
  length: z.number().int().min(0)
})

const Header = z.object({
  format: z.literal('gan-studio-checkpoint'),
  version: z.number().int(),
  createdAt: z.string(),
  meta: z.record(z.string(), z.unknown()),
  tensors: z.array(TensorEntry),
  dataBytes: z.number().int().min(0),
  /** Of the data section. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/)
})
type Header = z.infer<typeof Header>

/** A checkpoint file that cannot be used, and why; `code` is 'checkpoint-truncated', 'checkpoint-corrupt' or 'checkpoint-version'. */
export class CheckpointError extends StudioError {}

const bytesOf = (data: Float32Array): Buffer => Buffer.from(data.buffer, data.byteOffset, data.byteLength)

/**
 * Writes the checkpoint to a temp file beside `path`, flushes it and renames it over `path`: a kill or a full
 * disk leaves the previous file at `path` (if any) whole. Layout: MAGIC, the header's length (uint32 LE), the
 * JSON header padded to 4 bytes, then each tensor's float32 LE samples in header order.
 */
export async function writeCheckpoint(path: string, contents: CheckpointContents): Promise<void> {
  const hash = createHash('sha256')
  let offset = 0
  const tensors = contents.tensors.map(({ name, shape, data }) => {
    if (shape.reduce((n, d) => n * d, 1) !== data.length) throw new RangeError(`tensor ${name} has ${data.length} values, not the ${shape.join('×')} its shape says`)
    hash.update(bytesOf(data))
    const entry = { name, shape, offset, length: data.length }
    offset += data.length
    return entry
  })
  const header: Header = { format: 'gan-studio-checkpoint', version: CHECKPOINT_VERSION, createdAt: new Date().toISOString(), meta: contents.meta, tensors, dataBytes: offset * 4, sha256: hash.digest('hex') }
  const json = Buffer.from(JSON.stringify(header))
  const padded = Buffer.concat([json, Buffer.alloc((4 - ((PREFIX_BYTES + json.length) % 4)) % 4, 0x20)])
  const prefix = Buffer.alloc(PREFIX_BYTES)
  MAGIC.copy(prefix)
  prefix.writeUInt32LE(padded.length, MAGIC.length)

  await writeFileAtomic(path, [prefix, padded, ...contents.tensors.map(({ data }) => bytesOf(data))])
}

/** Reads and checks a checkpoint whole: its signature, header, length and checksum. */
export async function readCheckpoint(path: string): Promise<CheckpointContents & { createdAt: string }> {
  const bytes = await readFile(path)
  const fail = (code: 'truncated' | 'corrupt' | 'version', why: string) => new CheckpointError(`checkpoint-${code}`, `${path}: ${why}`)
  if (bytes.length < PREFIX_BYTES) {
    if (MAGIC.subarray(0, bytes.length).equals(bytes)) throw fail('truncated', `the checkpoint ends after ${bytes.length} bytes, inside its signature`)
    throw fail('corrupt', 'not a GAN Studio checkpoint')
  }
  if (!bytes.subarray(0, MAGIC.length).equals(MAGIC)) throw fail('corrupt', 'not a GAN Studio checkpoint (wrong signature)')
  const headerBytes = bytes.readUInt32LE(MAGIC.length)
  if (headerBytes > MAX_HEADER_BYTES) throw fail('corrupt', `its header claims ${headerBytes} bytes`)
  const dataStart = PREFIX_BYTES + headerBytes
  if (bytes.length < dataStart) throw fail('truncated', `the file ends after ${bytes.length} bytes, inside its ${headerBytes}-byte header`)
  const header = parseHeader(bytes.subarray(PREFIX_BYTES, dataStart), fail)
  const dataBytes = bytes.length - dataStart
  if (dataBytes < header.dataBytes) throw fail('truncated', `the file ends after ${dataBytes} of its ${header.dataBytes} bytes of weights`)
  if (dataBytes > header.dataBytes) throw fail('corrupt', `${dataBytes - header.dataBytes} bytes follow the end of its weights`)
  const data = bytes.subarray(dataStart)
  if (createHash('sha256').update(data).digest('hex') !== header.sha256) throw fail('corrupt', 'its weights do not match their checksum (the file was damaged)')
  // readFile's buffer starts on its own allocation, and the data section on a 4-byte boundary within it.
  const floats = data.byteOffset % 4 === 0 ? new Float32Array(data.buffer, data.byteOffset, data.length / 4) : new Float32Array(Uint8Array.from(data).buffer)
  const tensors = header.tensors.map(({ name, shape, offset, length }) => {
    if (shape.reduce((n, d) => n * d, 1) !== length || offset + length > floats.length) throw fail('corrupt', `tensor ${name} does not fit its shape or the file`)
    return { name, shape, data: floats.subarray(offset, offset + length) }
  })
  return { meta: header.meta, tensors, createdAt: header.createdAt }
}

function parseHeader(bytes: Buffer, fail: (code: 'corrupt' | 'version', why: string) => CheckpointError): Header {
  let json: unknown
  try {
    json = JSON.parse(bytes.toString('utf8'))
  } catch {
    throw fail('corrupt', 'its header is not valid JSON')
  }
  const version = (json as { version?: unknown } | null)?.version
  if (typeof version === 'number' && version > CHECKPOINT_VERSION) throw fail('version', `written by a newer GAN Studio (checkpoint version ${version}; this one reads ${CHECKPOINT_VERSION})`)
  const parsed = Header.safeParse(json)
  if (!parsed.success) throw fail('corrupt', `its header is malformed (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message})`)
  return parsed.data
}
