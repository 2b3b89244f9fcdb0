import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../src-main/library/database'
import { Library } from '../../src-main/library/library'
import { SCHEMA_VERSION } from '../../src-main/library/migrations'
import { openLibrary, rawDb, tempDir } from './fixtures'

describe('the library database', () => {
  it('opens every connection with WAL, foreign keys, a busy timeout and FULL sync', () => {
    const db = openDatabase(join(tempDir(), 'x.sqlite'))
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
      expect(db.pragma('busy_timeout', { simple: true })).toBe(5000)
      expect(db.pragma('synchronous', { simple: true })).toBe(2)
    } finally {
      db.close()
    }
  })

  it('migrates once, and reopening changes nothing', () => {
    const root = tempDir()
    const first = openLibrary(root)
    first.createProject('Kept')
    first.close()
    const db = rawDb(root)
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
    const schema = db.prepare('SELECT sql FROM sqlite_master ORDER BY name').pluck().all()

    const second = openLibrary(root)
    expect(second.projects().map((p) => p.name)).toEqual(['Kept'])
    second.close()
    expect(db.prepare('SELECT sql FROM sqlite_master ORDER BY name').pluck().all()).toEqual(schema)
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
  })

  it('refuses a library written by a newer version', () => {
    const root = tempDir()
    openLibrary(root).close()
    rawDb(root).pragma(`user_version = ${SCHEMA_VERSION + 1}`)
    expect(() => Library.open({ root })).toThrow(expect.objectContaining({ code: 'invalid', message: expect.stringContaining('newer') }))
    rawDb(root).pragma(`user_version = ${SCHEMA_VERSION}`)
    openLibrary(root)
  })

  it('lets only one process or window hold a library at a time', () => {
    const root = tempDir()
    const first = openLibrary(root)
    expect(() => Library.open({ root })).toThrow(expect.objectContaining({ code: 'busy' }))
    first.close()
    first.close()
    openLibrary(root)
  })
})

describe('settings', () => {
  it('defaults to English and the best provider, and keeps a change across reopening', () => {
    const root = tempDir()
    const library = openLibrary(root)
    expect(library.getSettings()).toEqual({ language: 'en', provider: 'auto' })
    expect(library.setSettings({ language: 'zh-CN' })).toEqual({ language: 'zh-CN', provider: 'auto' })
    expect(library.setSettings({ provider: 'cpu' })).toEqual({ language: 'zh-CN', provider: 'cpu' })
    expect(library.setSettings({})).toEqual({ language: 'zh-CN', provider: 'cpu' })
    library.close()
    expect(openLibrary(root).getSettings()).toEqual({ language: 'zh-CN', provider: 'cpu' })
  })

  it('refuses unknown keys and values, and falls back to the default for a stored value gone bad', () => {
    const root = tempDir()
    const library = openLibrary(root)
    expect(() => library.setSettings({ language: 'fr' } as never)).toThrow(expect.objectContaining({ code: 'invalid' }))
    expect(() => library.setSettings({ theme: 'dark' } as never)).toThrow(expect.objectContaining({ code: 'invalid' }))
    expect(() => library.setSettings({ provider: 'tpu' } as never)).toThrow(expect.objectContaining({ code: 'invalid' }))
    rawDb(root).prepare(`INSERT INTO settings (key, value) VALUES ('language', '"klingon"'), ('provider', '"tpu"')`).run()
    expect(library.getSettings()).toEqual({ language: 'en', provider: 'auto' })
  })
})
