import { z } from 'zod'
import { isChannel, requests, type Channel, type StudioHandlers, type WireError, type WireReply } from '../src-preload/contract'
import { StudioError } from './common/studio-error'
import { ImageError } from './imaging/errors'

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || 'request'}: ${issue.message}`)
    .join('; ')
}

/** The one way a door turns an error into what crosses it: specific for users, never a stack trace. */
export function toWireError(err: unknown): WireError {
  if (err instanceof StudioError || err instanceof ImageError) return { code: err.code, message: err.message }
  if (err instanceof z.ZodError) return { code: 'invalid-request', message: describeIssues(err) }
  console.error('internal error:', err)
  return { code: 'internal', message: 'Something went wrong inside the studio; the details are in its log.' }
}

/** Validates an untrusted (channel, payload) pair and runs the matching handler. Used by every door. */
export function createDispatcher(handlers: StudioHandlers) {
  return async function dispatch(channel: unknown, payload: unknown): Promise<WireReply> {
    try {
      if (!isChannel(channel)) throw new StudioError('unknown-channel', `unknown request: ${String(channel).slice(0, 80)}`)
      const request = requests[channel].request.parse(payload ?? {})
      const handler = handlers[channel] as (req: unknown) => Promise<unknown>
      return { ok: true, value: await handler(request) }
    } catch (err) {
      return { ok: false, error: toWireError(err) }
    }
  }
}

export type Dispatch = ReturnType<typeof createDispatcher>
export type { Channel }
