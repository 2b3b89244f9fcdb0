import { createHash } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { rm } from 'node:fs/promises'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { syncPath } from '../common/atomic-write'

/**
 * Copies `source` to `target` (created, never overwritten) while hashing it, then syncs the copy: the
 * stored bytes are exactly the hashed bytes, the source is read once, and no whole file sits in memory.
 */
export async function copyAndHash(source: string, target: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256')
  let bytes = 0
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk)
      bytes += chunk.length
      callback(null, chunk)
    }
  })
  try {
    await pipeline(createReadStream(source), tap, createWriteStream(target, { flags: 'wx' }))
    await syncPath(target)
  } catch (err) {
    await rm(target, { force: true })
    throw err
  }
  return { sha256: hash.digest('hex'), bytes }
}
