import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempSiblingPath, writeFileAtomic } from '../../src-main/common/atomic-write'
import { tempDir } from '../helpers/temp-dir'
import { isTempFile } from './fixtures'

describe('writeFileAtomic', () => {
  it('creates the folder, writes, replaces, and leaves only the target', async () => {
    const dir = tempDir()
    const target = join(dir, 'nested', 'data.bin')
    await writeFileAtomic(target, Buffer.from('first'))
    await writeFileAtomic(target, new Uint8Array([115, 101, 99, 111, 110, 100]))
    expect(readFileSync(target, 'utf8')).toBe('second')
    expect(readdirSync(join(dir, 'nested'))).toEqual(['data.bin'])
  })

  it('removes its temporary file when the rename fails', async () => {
    const dir = tempDir()
    const target = join(dir, 'occupied')
    mkdirSync(target)
    writeFileSync(join(target, 'inside'), 'keeps the folder non-empty')
    await expect(writeFileAtomic(target, Buffer.from('data'))).rejects.toThrow()
    expect(readdirSync(dir)).toEqual(['occupied'])
  })
})

describe('temporary names', () => {
  it('are hidden siblings that isTempFile recognises', () => {
    const temp = tempSiblingPath('/library/originals/ab.jpg')
    expect(temp).toMatch(/^\/library\/originals\/\.ab\.jpg\.[0-9a-f]{12}\.tmp$/)
    expect(temp.endsWith('.tmp')).toBe(true)
    expect(isTempFile(temp)).toBe(true)
    for (const name of ['ab.jpg', 'notes.tmp', '.hidden.tmp', '.ab.jpg.tmp']) expect(isTempFile(name)).toBe(false)
  })
})
