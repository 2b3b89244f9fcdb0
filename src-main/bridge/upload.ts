import { createWriteStream } from 'node:fs'
import { rm } from 'node:fs/promises'
import type { IncomingMessage } from 'node:http'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { StudioError } from '../common/studio-error'

export const MAX_UPLOAD_BYTES = 2 * 1024 ** 3

/** Streams a request body into `target`, refusing bodies over the limit; no partial file is left behind. */
export async function receiveUpload(req: IncomingMessage, target: string, maxBytes = MAX_UPLOAD_BYTES): Promise<number> {
  let received = 0
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      received += chunk.length
      if (received > maxBytes) callback(new StudioError('too-large', `upload exceeds ${maxBytes / 1024 ** 3} GB`))
      else callback(null, chunk)
    }
  })
  try {
    await pipeline(req, limit, createWriteStream(target, { flags: 'wx' }))
    return received
  } catch (err) {
    await rm(target, { force: true })
    throw err instanceof StudioError ? err : new StudioError('upload-failed', 'the upload was interrupted')
  }
}
