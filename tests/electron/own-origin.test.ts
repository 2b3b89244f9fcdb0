import { describe, expect, it } from 'vitest'
import { isOwnOrigin } from '../../src-main/electron/own-origin'

describe('isOwnOrigin (what the Electron door lets the window load, navigate to and call IPC from)', () => {
  const origins = ['studio://app', 'http://localhost:5173']

  it('accepts the app scheme and the dev server exactly', () => {
    expect(isOwnOrigin('studio://app/index.html', origins)).toBe(true)
    expect(isOwnOrigin('studio://app/media/thumb/abc.webp', origins)).toBe(true)
    expect(isOwnOrigin('http://localhost:5173/src/main.ts', origins)).toBe(true)
  })

  it('refuses look-alikes that a prefix check would let through', () => {
    expect(isOwnOrigin('http://localhost:5173.evil.example/', origins)).toBe(false)
    expect(isOwnOrigin('http://localhost:51730/', origins)).toBe(false)
    expect(isOwnOrigin('studio://app.evil/index.html', origins)).toBe(false)
    expect(isOwnOrigin('studio://other/index.html', origins)).toBe(false)
    expect(isOwnOrigin('https://example.com/', origins)).toBe(false)
    expect(isOwnOrigin('file:///etc/passwd', origins)).toBe(false)
    expect(isOwnOrigin('not a url', origins)).toBe(false)
  })
})
