import type { ImportReport, ImportSource } from '@contract'
import { StudioRequestError } from './studio-error'

export interface FileToImport {
  file: File
  relativePath: string
}

export interface ImportOptions {
  signal?: AbortSignal
  onUpload?(done: number, total: number, current: string): void
}

type Failed = ImportReport['failed'][number]

const PARALLEL_UPLOADS = 2

async function failureOf(response: Response): Promise<StudioRequestError> {
  const text = await response.text().catch(() => '')
  try {
    const body = JSON.parse(text) as { error?: { code?: string; message?: string }; code?: string; message?: string }
    const error = body.error ?? body
    if (error.message) return new StudioRequestError(error.code ?? 'upload-failed', error.message)
  } catch {
    // not JSON: fall through to the plain text
  }
  return new StudioRequestError('upload-failed', text.trim() || `${response.status} ${response.statusText}`)
}

/** Streams one file into the bridge server's staging folder; resolves to the path the studio can read it from. */
export async function uploadFile(file: File, token: string | null, signal?: AbortSignal): Promise<string> {
  const headers: Record<string, string> = { 'Content-Type': 'application/octet-stream' }
  if (token) headers['X-Studio-Token'] = token
  const response = await fetch('/upload', { method: 'POST', headers, body: file, signal })
  if (!response.ok) throw await failureOf(response)
  const body = (await response.json()) as { path?: unknown }
  if (typeof body.path !== 'string') throw new StudioRequestError('upload-failed', 'the studio did not say where it stored the file')
  return body.path
}

/** Stages files on the bridge server, two at a time; stops starting new uploads once the signal aborts. */
export async function uploadFiles(files: FileToImport[], token: string | null, options: ImportOptions = {}): Promise<{ sources: ImportSource[]; failed: Failed[] }> {
  const sources: ImportSource[] = []
  const failed: Failed[] = []
  let next = 0
  let done = 0
  const worker = async () => {
    while (next < files.length && !options.signal?.aborted) {
      const item = files[next++]
      options.onUpload?.(done, files.length, item.relativePath)
      try {
        sources.push({ path: await uploadFile(item.file, token, options.signal), name: item.relativePath })
      } catch (err) {
        if (options.signal?.aborted) return
        const code = err instanceof StudioRequestError ? err.code : 'upload-failed'
        failed.push({ name: item.relativePath, code, reason: err instanceof Error ? err.message : String(err) })
      }
      options.onUpload?.(++done, files.length, item.relativePath)
    }
  }
  await Promise.all(Array.from({ length: Math.min(PARALLEL_UPLOADS, files.length) }, worker))
  return { sources, failed }
}
