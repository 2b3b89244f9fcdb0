/**
 * Gives each test a `page` showing GAN Studio on a fresh library: by default the renderer in Chromium
 * over the local bridge (a real `gan-studio serve` process); with E2E_TARGET=electron the real app.
 */
import { test as base, _electron, type Page } from '@playwright/test'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import WebSocket from 'ws'
import type { Channel, RequestOf, ResponseOf, WireReply } from '../../src-preload/contract'

const repoRoot = join(import.meta.dirname, '..', '..')

function startBridge(library: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn('npx', ['tsx', 'src-main/cli/index.ts', 'serve', '--library', library], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] })
  return new Promise((resolve, reject) => {
    let output = ''
    const timer = setTimeout(() => reject(new Error(`bridge did not start:\n${output}`)), 60_000)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const match = /served at (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(output)
      if (match) {
        clearTimeout(timer)
        resolve({ url: match[1]!, child })
      }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    child.once('exit', (code) => reject(new Error(`bridge exited with ${code}:\n${output}`)))
  })
}

/** Calls the studio's contract the way the renderer's api does: over the bridge's WebSocket, or through Electron's IPC from the page. */
export type StudioCall = <C extends Channel>(channel: C, payload: RequestOf<C>) => Promise<ResponseOf<C>>

function unwrap(channel: string, reply: WireReply): unknown {
  if (reply.ok) return reply.value
  throw new Error(`${channel} failed (${reply.error.code}): ${reply.error.message}`)
}

/** A WebSocket client of the bridge at `url` (the address with its token), as the page's own socket would be. */
async function bridgeClient(url: string): Promise<{ call: StudioCall; close(): void }> {
  const address = new URL(url)
  const socket = new WebSocket(`ws://${address.host}/ws?token=${address.searchParams.get('token')}`)
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject))
  const waiting = new Map<number, (reply: WireReply) => void>()
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString()) as { id?: number; reply?: WireReply }
    if (message.id !== undefined && message.reply) waiting.get(message.id)?.(message.reply)
  })
  let nextId = 1
  const call = ((channel: Channel, payload: unknown) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextId++
      waiting.set(id, (reply) => {
        waiting.delete(id)
        try {
          resolve(unwrap(channel, reply))
        } catch (err) {
          reject(err)
        }
      })
      socket.send(JSON.stringify({ id, channel, payload }))
    })) as StudioCall
  return { call, close: () => socket.close() }
}

const callers = new WeakMap<Page, StudioCall>()

export const test = base.extend<{ library: string; studioCall: StudioCall }>({
  library: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'gan-studio-e2e-'))
    await use(dir)
    rmSync(dir, { recursive: true, force: true })
  },
  page: async ({ page, library }, use, testInfo) => {
    let target: Page = page
    let close = async () => {}
    if (process.env.E2E_TARGET === 'electron') {
      const app = await _electron.launch({ args: [repoRoot], env: { ...process.env, GAN_STUDIO_HOME: library } })
      target = await app.firstWindow()
      const window = target
      callers.set(target, (async (channel: Channel, payload: unknown) =>
        unwrap(channel, await window.evaluate(([c, p]) => (globalThis as unknown as { studioIpc: { invoke(c: string, p: unknown): Promise<WireReply> } }).studioIpc.invoke(c, p), [channel, payload] as const))) as StudioCall)
      close = () => app.close()
    } else {
      const { url, child } = await startBridge(library)
      await page.goto(url)
      const client = await bridgeClient(url)
      callers.set(page, client.call)
      close = async () => {
        client.close()
        child.kill('SIGTERM')
        await new Promise((resolve) => child.once('exit', resolve))
      }
    }
    await use(target)
    await target.screenshot({ path: testInfo.outputPath('final.png') }).catch(() => {})
    await close()
  },
  studioCall: async ({ page }, use) => {
    await use(callers.get(page)!)
  }
})

export { expect } from '@playwright/test'
