import type { Channel, StudioApi } from '@contract'
import { toStudioError } from './studio-error'

type CallChannel = (channel: Channel, payload: unknown) => Promise<unknown>
type Subscribe = StudioApi['on']
type Action = (request?: unknown) => Promise<unknown>

/**
 * `studio.domain.action(request)` calls channel `domain:action`. The names come from the contract's types,
 * not from a runtime list: importing a value from the contract would pull zod (and its eval probe) into
 * the page. A channel added to the contract is therefore callable at once, and only what the contract
 * names type-checks; the door still refuses anything else.
 */
export function buildStudioApi(call: CallChannel, on: Subscribe): StudioApi {
  const domains = new Map<string, Record<string, Action>>()
  const actionsOf = (domain: string): Record<string, Action> => {
    const actions = new Map<string, Action>()
    return new Proxy({} as Record<string, Action>, {
      get(_target, name) {
        if (typeof name !== 'string' || name === 'then') return undefined
        let action = actions.get(name)
        if (!action) {
          const channel = `${domain}:${name}` as Channel
          action = (request) => call(channel, request ?? {}).catch((err: unknown) => Promise.reject(toStudioError(err)))
          actions.set(name, action)
        }
        return action
      }
    })
  }
  return new Proxy({} as StudioApi, {
    get(_target, name) {
      if (name === 'on') return on
      if (typeof name !== 'string' || name === 'then') return undefined
      if (!domains.has(name)) domains.set(name, actionsOf(name))
      return domains.get(name)
    }
  })
}
