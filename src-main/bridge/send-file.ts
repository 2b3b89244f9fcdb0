import { createReadStream, statSync } from 'node:fs'
import type { ServerResponse } from 'node:http'
import { extname } from 'node:path'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.jpeg': 'image/jpeg',
  '.jpg': 'image/jpeg',
  '.woff2': 'font/woff2'
}

/** Streams a file with its content type, or answers 404. */
export function sendFile(res: ServerResponse, file: string | null, cacheControl: string): void {
  let size: number
  try {
    const stat = file ? statSync(file) : null
    if (!file || !stat?.isFile()) throw new Error('not a file')
    size = stat.size
  } catch {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found')
    return
  }
  res.writeHead(200, {
    'Content-Type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': size,
    'Cache-Control': cacheControl,
    'X-Content-Type-Options': 'nosniff'
  })
  createReadStream(file).on('error', () => res.destroy()).pipe(res)
}
