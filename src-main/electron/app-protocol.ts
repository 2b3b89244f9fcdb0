import { net, protocol } from 'electron'
import { pathToFileURL } from 'node:url'
import { CONTENT_SECURITY_POLICY, resolveInside } from '../common/renderer-files'
import type { Studio } from '../studio'

export const APP_SCHEME = 'studio'
export const APP_ORIGIN = `${APP_SCHEME}://app`

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } }
  ])
}

/** Serves the renderer from its build folder and library media (thumbnails, tiles) through the library's resolver only. */
export function serveAppScheme(studio: Studio, rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url)
    if (url.host !== 'app' || request.method !== 'GET') return new Response('not found', { status: 404 })
    const isMedia = url.pathname.startsWith('/media/')
    const file = isMedia
      ? studio.library.mediaFile(url.pathname.slice('/media/'.length))
      : resolveInside(rendererDir, url.pathname === '/' ? '/index.html' : url.pathname)
    if (!file) return new Response('not found', { status: 404 })
    const response = await net.fetch(pathToFileURL(file).toString())
    const headers = new Headers(response.headers)
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY)
    headers.set('X-Content-Type-Options', 'nosniff')
    return new Response(response.body, { status: response.status, headers })
  })
}
