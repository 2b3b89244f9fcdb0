import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'
import { z } from 'zod'
import { createDispatcher, toWireError } from '../contract-dispatch'
import type { Studio } from '../studio'
import { isAuthorized, isLocalRequest, newToken, sessionCookie } from './auth'
import { CONTENT_SECURITY_POLICY, resolveInside } from '../common/renderer-files'
import { sendFile } from './send-file'
import { receiveUpload } from './upload'

const WireRequest = z.object({ id: z.number().int(), channel: z.string().max(100), payload: z.unknown() })
const MAX_MESSAGE_BYTES = 64 * 1024 * 1024

export interface BridgeOptions {
  studio: Studio
  rendererDir: string
  port?: number
  token?: string
}

export interface Bridge {
  url: string
  port: number
  token: string
  close(): Promise<void>
}

/** The request's URL, or null when it cannot be parsed (e.g. `GET //`). */
function requestUrl(req: IncomingMessage): URL | null {
  try {
    return new URL(req.url ?? '/', 'http://127.0.0.1')
  } catch {
    return null
  }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(JSON.stringify(body))
}

/** The local bridge: the renderer's contract over HTTP + WebSocket on 127.0.0.1, guarded by a per-run token. */
export async function startBridge({ studio, rendererDir, port = 0, token = newToken() }: BridgeOptions): Promise<Bridge> {
  const dispatch = createDispatcher(studio.handlers)
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES })
  let boundPort = port

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = requestUrl(req)
    if (!url) return void res.writeHead(400).end('bad request')
    if (!isLocalRequest(req, boundPort)) return void res.writeHead(403).end('forbidden')
    if (!isAuthorized(req, url, token)) {
      res.writeHead(401, { 'Content-Type': 'text/plain; charset=utf-8' })
      return void res.end('GAN Studio: open the address printed by `npm run serve`; it carries this run\'s token.')
    }
    if (req.method === 'POST' && url.pathname === '/upload') {
      const target = studio.library.stagingPath()
      try {
        await receiveUpload(req, target)
        return json(res, 200, { path: target })
      } catch (err) {
        return json(res, 400, { error: toWireError(err) })
      }
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405).end()
    if (url.pathname.startsWith('/media/')) {
      return sendFile(res, studio.library.mediaFile(url.pathname.slice('/media/'.length)), 'private, max-age=31536000, immutable')
    }
    const page = url.pathname === '/' ? '/index.html' : url.pathname
    if (page === '/index.html') res.setHeader('Set-Cookie', sessionCookie(token))
    res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY)
    sendFile(res, resolveInside(rendererDir, page), page === '/index.html' ? 'no-store' : 'private, max-age=3600')
  }

  function handleSocket(socket: WebSocket): void {
    const unsubscribe = studio.subscribe((event, payload) => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ event, payload }))
    })
    socket.on('close', unsubscribe)
    // Oversized or malformed frames end this connection, never the server; the page reconnects.
    socket.on('error', () => socket.terminate())
    socket.on('message', async (data, isBinary) => {
      const parsed = isBinary ? null : WireRequest.safeParse(safeJson(data.toString()))
      if (!parsed?.success) return socket.close(1008, 'malformed request')
      const reply = await dispatch(parsed.data.channel, parsed.data.payload)
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ id: parsed.data.id, reply }))
    })
  }

  const server: Server = createServer((req, res) => {
    handleHttp(req, res).catch((err) => {
      console.error('bridge request failed:', err)
      if (!res.headersSent) res.writeHead(500).end()
    })
  })
  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy())
    const url = requestUrl(req)
    if (!url || url.pathname !== '/ws' || !isLocalRequest(req, boundPort) || !isAuthorized(req, url, token)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n')
      return
    }
    wss.handleUpgrade(req, socket, head, handleSocket)
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve())
  })
  boundPort = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${boundPort}/?token=${token}`,
    port: boundPort,
    token,
    async close() {
      for (const client of wss.clients) client.terminate()
      wss.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}
