import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { PHOTOS_DIR, probe, thumbnail } from './fixtures'

const EXPECTED_SIZES: Record<string, [number, number]> = {
  'forensics--IMG_20200124_231153.jpg': [512, 384],
  'gcompris--cabrillo.jpg': [179, 512],
  'gcompris--fish28.jpg': [320, 204],
  'lxqt--drop.jpg': [512, 341]
}

describe('real photos', () => {
  it('has the four credited fixtures', () => {
    expect(readdirSync(PHOTOS_DIR).filter((name) => name.endsWith('.jpg')).sort()).toEqual(Object.keys(EXPECTED_SIZES).sort())
  })

  it.each(Object.entries(EXPECTED_SIZES))('probes and thumbnails %s', async (name, [width, height]) => {
    const path = join(PHOTOS_DIR, name)
    expect(await probe(path)).toMatchObject({ format: 'jpeg', width, height, depth: 8, space: 'srgb', channels: 3 })
    const thumb = await sharp(await thumbnail(path)).metadata()
    expect(thumb.format).toBe('webp')
    expect(Math.max(thumb.width, thumb.height)).toBe(256)
  })
})
