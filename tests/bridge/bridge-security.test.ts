import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { connect } from 'node:net'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import sharp from 'sharp'
import WebSocket from 'ws'
import { startBridge, type Bridge } from '../../src-main/bridge/server'
import { CONTENT_SECURITY_POLICY } from '../../src-main/common/renderer-files'
import { createStudio, type Studio } from '../../src-main/studio'
import { tempDir } from '../helpers/temp-dir'

let studio: Studio
let bridge: Bridge

async function start(): Promise<void> {
  const root = tempDir()
  const renderer = join(root, 'renderer')
  mkdirSync(join(renderer, 'assets'), { recursive: true })
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>GAN Studio</title>')
  writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)')
  writeFileSync(join(root, 'secret.txt'), 'not for the browser')
  studio = createStudio({ libraryRoot: join(root, 'library'), door: 'bridge' })
  bridge = await startBridge({ studio, rendererDir: renderer })
}

afterEach(async () => {
  await bridge?.close()
  await studio?.close()
})

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: bridge.port, path, headers }, (res) => {
      let body = ''
      res.on('data', (c) => (body += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

function openSocket(query: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${bridge.port}/ws${query}`, { headers })
    ws.once('open', () => resolve(ws))
    ws.once('error', reject)
  })
}

function ask(ws: WebSocket, id: number, channel: string, payload: unknown): Promise<{ id: number; reply: { ok: boolean; value?: any; error?: { code: string; message: string } } }> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const message = JSON.parse(data.toString())
      if (message.id === id) {
        ws.off('message', onMessage)
        resolve(message)
      }
    }
    ws.on('message', onMessage)
    ws.send(JSON.stringify({ id, channel, payload }))
  })
}

describe('local bridge', () => {
  it('listens on the loopback address only', async () => {
    await start()
    expect(bridge.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{43}$/)
  })

  it('refuses every request without the right token', async () => {
    await start()
    expect((await get('/')).status).toBe(401)
    expect((await get('/assets/app.js')).status).toBe(401)
    expect((await get('/?token=wrong')).status).toBe(401)
    expect((await get('/', { 'X-Studio-Token': bridge.token.slice(1) })).status).toBe(401)
    await expect(openSocket('')).rejects.toThrow(/401/)
    await expect(openSocket('?token=nope')).rejects.toThrow(/401/)
  })

  it('serves the app with its token, sets a strict same-site cookie and a CSP', async () => {
    await start()
    const page = await get(`/?token=${bridge.token}`)
    expect(page.status).toBe(200)
    expect(page.body).toContain('GAN Studio')
    expect(String(page.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/)
    expect(String(page.headers['content-security-policy'])).toContain("script-src 'self'")
    const cookie = String(page.headers['set-cookie']).split(';')[0]!
    expect((await get('/assets/app.js', { cookie })).status).toBe(200)
  })

  it('refuses a foreign Host or Origin even with the token (DNS rebinding, cross-site)', async () => {
    await start()
    expect((await get(`/?token=${bridge.token}`, { Host: `evil.example:${bridge.port}` })).status).toBe(403)
    expect((await get(`/?token=${bridge.token}`, { Origin: 'http://evil.example' })).status).toBe(403)
    await expect(openSocket(`?token=${bridge.token}`, { Origin: 'http://evil.example' })).rejects.toThrow(/401/)
  })

  it('never serves files outside the renderer or the library media', async () => {
    await start()
    const auth = { 'X-Studio-Token': bridge.token }
    expect((await get('/../secret.txt', auth)).status).toBe(404)
    expect((await get('/%2e%2e/secret.txt', auth)).status).toBe(404)
    expect((await get('/media/../secret.txt', auth)).status).toBe(404)
    expect((await get('/media/thumb/' + 'a'.repeat(64) + '.webp', auth)).status).toBe(404)
  })

  it('validates every request on the socket and answers with specific errors', async () => {
    await start()
    const ws = await openSocket(`?token=${bridge.token}`)
    const listed = await ask(ws, 1, 'library:list', { limit: 10 })
    expect(listed.reply).toEqual({ ok: true, value: { total: 0, items: [] } })
    const unknown = await ask(ws, 2, 'fs:readFile', { path: '/etc/passwd' })
    expect(unknown.reply.error?.code).toBe('unknown-channel')
    const invalid = await ask(ws, 3, 'library:list', { limit: 'all' })
    expect(invalid.reply.error?.code).toBe('invalid-request')
    expect(invalid.reply.error?.message).toContain('limit')
    const extra = await ask(ws, 4, 'library:trash', { ids: [1], sql: 'DROP TABLE images' })
    expect(extra.reply.error?.code).toBe('invalid-request')
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)))
    ws.send('not json')
    expect(await closed).toBe(1008)
  })

  it('stages an upload, imports it as a job with events, then serves its thumbnail', async () => {
    await start()
    const photo = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'photos', 'gcompris--cabrillo.jpg'))
    const uploaded = await fetch(`http://127.0.0.1:${bridge.port}/upload?name=trip%2Fcabrillo.jpg`, {
      method: 'POST',
      headers: { 'X-Studio-Token': bridge.token, 'Content-Type': 'application/octet-stream' },
      body: photo
    })
    expect(uploaded.status).toBe(200)
    const { path } = (await uploaded.json()) as { path: string }
    expect(path.startsWith(studio.library.root)).toBe(true)

    const ws = await openSocket(`?token=${bridge.token}`)
    const events: Array<{ event: string; payload: any }> = []
    const finished = new Promise<any>((resolve) =>
      ws.on('message', (data) => {
        const message = JSON.parse(data.toString())
        if (message.event) events.push(message)
        if (message.event === 'jobs:finished') resolve(message.payload)
      })
    )
    const started = await ask(ws, 1, 'library:import', { sources: [{ path, name: 'trip/cabrillo.jpg' }] })
    expect(started.reply.ok).toBe(true)
    const job = await finished
    expect(job).toMatchObject({ status: 'done', report: { imported: [{ name: 'trip/cabrillo.jpg' }], failed: [] } })
    expect(events.some((e) => e.event === 'library:changed')).toBe(true)
    expect(existsSync(path)).toBe(false)

    const { value } = (await ask(ws, 2, 'library:list', {})).reply
    const thumb = await fetch(`http://127.0.0.1:${bridge.port}/media/thumb/${value.items[0].sha256}.webp`, { headers: { 'X-Studio-Token': bridge.token } })
    expect(thumb.status).toBe(200)
    expect(thumb.headers.get('content-type')).toBe('image/webp')
    ws.close()
  })

  it("serves a version's tiles once its pyramid was asked for, with the token only, and nothing beside them", async () => {
    await start()
    const photo = join(import.meta.dirname, '..', 'fixtures', 'photos', 'lxqt--drop.jpg')
    const [image] = (await studio.library.importSources([{ path: photo }])).imported
    const bytes = await sharp(photo).negate().png().toBuffer()
    const version = await studio.library.versions.add(image!.id, { bytes, format: 'png', width: 512, height: 341, modelId: 'style', params: {} })
    const tile = `/media/version-tile/${version.sha256}/9/0_0.jpeg`
    const auth = { 'X-Studio-Token': bridge.token }
    expect((await get(tile, auth)).status).toBe(404)

    const ws = await openSocket(`?token=${bridge.token}`)
    expect((await ask(ws, 1, 'library:deepZoom', { id: image!.id, versionId: version.id })).reply).toMatchObject({ ok: true, value: { width: 512, height: 341, levels: 10 } })
    expect((await ask(ws, 2, 'library:deepZoom', { id: image!.id, versionId: version.id + 1 })).reply).toMatchObject({ ok: false, error: { code: 'not-found' } })
    ws.close()
    const served = await get(tile, auth)
    expect([served.status, served.headers['content-type']]).toEqual([200, 'image/jpeg'])
    expect((await get(tile)).status).toBe(401)
    expect((await get(`/media/version-tile/${version.sha256}/9/../../../../library.sqlite`, auth)).status).toBe(404)
    expect((await get(`/media/version-tile/${'0'.repeat(64)}/9/0_0.jpeg`, auth)).status).toBe(404)
    expect((await get(`/media/tile/${version.sha256}/9/0_0.jpeg`, auth)).status).toBe(404)
  })

  it('survives unparsable URLs, oversized and malformed frames, and keeps serving', async () => {
    await start()
    const raw = (text: string) =>
      new Promise<string>((resolve) => {
        const socket = connect(bridge.port, '127.0.0.1', () => socket.write(text))
        let answer = ''
        socket.on('data', (chunk) => (answer += chunk))
        socket.on('close', () => resolve(answer))
        socket.on('error', () => resolve(answer))
        setTimeout(() => socket.destroy(), 1000)
      })
    const upgrade = `Host: 127.0.0.1:${bridge.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`
    expect(await raw(`GET // HTTP/1.1\r\n${upgrade}`)).toContain('401')
    expect(await raw(`GET //[ HTTP/1.1\r\nHost: 127.0.0.1:${bridge.port}\r\n\r\n`)).toMatch(/400|401/)

    const big = await openSocket(`?token=${bridge.token}`)
    const bigClosed = new Promise((resolve) => big.once('close', resolve))
    big.send('x'.repeat(65 * 1024 * 1024))
    await bigClosed
    const garbled = await openSocket(`?token=${bridge.token}`)
    const garbledClosed = new Promise((resolve) => garbled.once('close', resolve))
    garbled.send(Buffer.from([0xc3, 0x28, 0xa0, 0xa1]), { binary: false })
    await garbledClosed

    const ws = await openSocket(`?token=${bridge.token}`)
    expect((await ask(ws, 1, 'library:list', {})).reply.ok).toBe(true)
    ws.close()
  })

  it('takes an empty token parameter as no token, so a valid cookie still works', async () => {
    await start()
    const cookie = String((await get(`/?token=${bridge.token}`)).headers['set-cookie']).split(';')[0]!
    expect((await get('/assets/app.js?token=', { cookie })).status).toBe(200)
  })

  it('sends the same policy as the page\'s own CSP meta tag (plus frame-ancestors)', () => {
    const html = readFileSync(join(import.meta.dirname, '..', '..', 'src-renderer', 'index.html'), 'utf8')
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1]
    expect(`${meta}; frame-ancestors 'none'`).toBe(CONTENT_SECURITY_POLICY)
  })
})
