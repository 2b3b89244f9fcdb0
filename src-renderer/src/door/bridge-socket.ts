import type { Channel, EventName, WireError } from '@contract'
import { StudioRequestError } from './studio-error'

export type ConnectionState = 'connecting' | 'online' | 'offline'

type Pending = { channel: Channel; payload: unknown; sent: boolean; resolve(value: unknown): void; reject(err: Error): void }
type ServerMessage =
  | { id: number; reply: { ok: true; value: unknown } | { ok: false; error: WireError } }
  | { event: EventName; payload: unknown }

const FIRST_RETRY_MS = 250
const MAX_RETRY_MS = 5000

/** The bridge's WebSocket: numbered requests, pushed events, reconnect with backoff. */
export class BridgeSocket {
  private socket: WebSocket | null = null
  private nextId = 1
  private retryMs = FIRST_RETRY_MS
  private readonly pending = new Map<number, Pending>()
  private readonly listeners = new Map<EventName, Set<(payload: unknown) => void>>()
  private readonly stateListeners = new Set<(state: ConnectionState) => void>()

  constructor(private readonly url: string) {
    this.connect()
  }

  call(channel: Channel, payload: unknown): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const id = this.nextId++
      this.pending.set(id, { channel, payload, sent: false, resolve, reject })
      this.send(id)
    })
  }

  on(event: EventName, listener: (payload: never) => void): () => void {
    const set = this.listeners.get(event) ?? new Set()
    this.listeners.set(event, set)
    const wrapped = listener as (payload: unknown) => void
    set.add(wrapped)
    return () => set.delete(wrapped)
  }

  onState(listener: (state: ConnectionState) => void): () => void {
    this.stateListeners.add(listener)
    return () => this.stateListeners.delete(listener)
  }

  private connect(): void {
    this.emitState('connecting')
    const socket = new WebSocket(this.url)
    this.socket = socket
    socket.onopen = () => {
      this.retryMs = FIRST_RETRY_MS
      this.emitState('online')
      for (const id of this.pending.keys()) this.send(id)
    }
    socket.onmessage = (message) => this.receive(String(message.data))
    socket.onclose = () => this.dropped(socket)
  }

  private send(id: number): void {
    const entry = this.pending.get(id)
    if (!entry || entry.sent || this.socket?.readyState !== WebSocket.OPEN) return
    entry.sent = true
    this.socket.send(JSON.stringify({ id, channel: entry.channel, payload: entry.payload }))
  }

  private receive(data: string): void {
    let message: ServerMessage
    try {
      message = JSON.parse(data) as ServerMessage
    } catch {
      return
    }
    if ('event' in message) {
      for (const listener of this.listeners.get(message.event) ?? []) listener(message.payload)
      return
    }
    const entry = this.pending.get(message.id)
    if (!entry) return
    this.pending.delete(message.id)
    if (message.reply.ok) entry.resolve(message.reply.value)
    else entry.reject(new StudioRequestError(message.reply.error.code, message.reply.error.message))
  }

  /** Requests already sent may or may not have run: fail them. Unsent ones wait for the next connection. */
  private dropped(socket: WebSocket): void {
    if (socket !== this.socket) return
    this.socket = null
    for (const [id, entry] of this.pending) {
      if (!entry.sent) continue
      this.pending.delete(id)
      entry.reject(new StudioRequestError('disconnected', `Lost the connection to the studio during ${entry.channel}; it may not have completed.`))
    }
    this.emitState('offline')
    const delay = this.retryMs * (0.75 + Math.random() / 2)
    this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS)
    setTimeout(() => this.connect(), delay)
  }

  private emitState(state: ConnectionState): void {
    for (const listener of this.stateListeners) listener(state)
  }
}
