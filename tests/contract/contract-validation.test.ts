import { describe, expect, it, vi } from 'vitest'
import { channels, eventNames, requests, type StudioHandlers } from '../../src-preload/contract'
import { StudioError } from '../../src-main/common/studio-error'
import { createDispatcher } from '../../src-main/contract-dispatch'

const accepts = (channel: keyof typeof requests, payload: unknown) => requests[channel].request.safeParse(payload).success

describe('contract schemas', () => {
  it('names every channel domain:action and every event likewise', () => {
    for (const name of [...channels, ...eventNames]) expect(name).toMatch(/^(library|models|inference|training|jobs|settings):[a-zA-Z]+$/)
  })

  it('rejects malformed requests', () => {
    expect(accepts('library:import', { sources: [] })).toBe(false)
    expect(accepts('library:import', { sources: [{ path: 42 }] })).toBe(false)
    expect(accepts('library:import', { sources: [{ path: '' }] })).toBe(false)
    expect(accepts('library:import', { sources: [{ path: 'a.jpg' }], projectId: -1 })).toBe(false)
    expect(accepts('library:list', { limit: 0 })).toBe(false)
    expect(accepts('library:list', { limit: 1_000_000 })).toBe(false)
    expect(accepts('library:list', { offset: 1.5 })).toBe(false)
    expect(accepts('library:trash', { ids: [] })).toBe(false)
    expect(accepts('library:trash', { ids: ['1'] })).toBe(false)
    expect(accepts('library:setTags', { ids: [1], add: ['x'.repeat(65)] })).toBe(false)
    expect(accepts('library:createProject', { name: '   ' })).toBe(false)
    expect(accepts('settings:set', { language: 'fr' })).toBe(false)
    expect(accepts('settings:set', { language: 'en', theme: 'dark' })).toBe(false)
    expect(accepts('jobs:cancel', {})).toBe(false)
    expect(accepts('library:setTags', { ids: [1], add: ['red\u001b[31m'] })).toBe(false)
    expect(accepts('library:createProject', { name: 'a\nb' })).toBe(false)
  })

  it('accepts good requests and fills defaults', () => {
    expect(requests['library:list'].request.parse({})).toEqual({ trashed: false, sort: 'newest', offset: 0, limit: 200 })
    expect(requests['library:setTags'].request.parse({ ids: [3], add: [' holiday '] })).toEqual({ ids: [3], add: ['holiday'], remove: [] })
    expect(requests['library:import'].request.parse({ sources: [{ path: '/p/a.jpg', name: 'dir/a.jpg' }] }).sources).toHaveLength(1)
  })
})

describe('dispatcher', () => {
  const handlers = {
    'library:get': async ({ id }: { id: number }) => {
      if (id === 1) throw new StudioError('not-found', 'image 1 is not in the library')
      throw new Error('SQLITE_CORRUPT at /home/user/secret/path')
    },
    'settings:get': async () => ({ language: 'en', provider: 'auto' })
  } as unknown as StudioHandlers
  const dispatch = createDispatcher(handlers)

  it('refuses unknown channels before touching any handler', async () => {
    expect(await dispatch('library:__proto__', {})).toMatchObject({ ok: false, error: { code: 'unknown-channel' } })
    expect(await dispatch('constructor', {})).toMatchObject({ ok: false, error: { code: 'unknown-channel' } })
    expect(await dispatch(7, {})).toMatchObject({ ok: false, error: { code: 'unknown-channel' } })
  })

  it('names the offending field of an invalid payload', async () => {
    const reply = await dispatch('library:get', { id: 'one' })
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
    expect(!reply.ok && reply.error.message).toContain('id')
  })

  it('passes user-facing errors through and hides internal ones', async () => {
    expect(await dispatch('library:get', { id: 1 })).toEqual({ ok: false, error: { code: 'not-found', message: 'image 1 is not in the library' } })
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    const hidden = await dispatch('library:get', { id: 2 })
    expect(hidden).toMatchObject({ ok: false, error: { code: 'internal' } })
    expect(JSON.stringify(hidden)).not.toContain('secret')
    expect(logged).toHaveBeenCalled()
    logged.mockRestore()
  })

  it('answers valid requests', async () => {
    expect(await dispatch('settings:get', undefined)).toEqual({ ok: true, value: { language: 'en', provider: 'auto' } })
  })
})
