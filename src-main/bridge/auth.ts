import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

export const TOKEN_COOKIE = 'gan_studio_token'

export function newToken(): string {
  return randomBytes(32).toString('base64url')
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

function cookieToken(req: IncomingMessage): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=')
    if (name === TOKEN_COOKIE) return value.join('=')
  }
  return undefined
}

/** The token a request presents: query (?token=), header (X-Studio-Token) or the session cookie. */
export function presentedToken(req: IncomingMessage, url: URL): string | undefined {
  const header = req.headers['x-studio-token']
  return url.searchParams.get('token') || (typeof header === 'string' && header) || cookieToken(req) || undefined
}

export function isAuthorized(req: IncomingMessage, url: URL, token: string): boolean {
  const presented = presentedToken(req, url)
  return presented !== undefined && sameToken(presented, token)
}

/** Refuses DNS-rebinding and cross-site requests: the Host must be our loopback address, the Origin (if any) ours. */
export function isLocalRequest(req: IncomingMessage, port: number): boolean {
  const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`]
  if (!allowedHosts.includes(req.headers.host ?? '')) return false
  const origin = req.headers.origin
  return origin === undefined || allowedHosts.some((h) => origin === `http://${h}`)
}

export function sessionCookie(token: string): string {
  return `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`
}
