import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { buildDeepZoom, deepZoomTilePath } from '../../src-main/imaging'
import { tempDir } from '../helpers/temp-dir'
import { halve, isTempFile, noise, save, sidewaysJpeg, solid } from './fixtures'

describe('buildDeepZoom', () => {
  it('builds a DZI pyramid with info.json and tiles where deepZoomTilePath says', async () => {
    const dir = tempDir()
    const input = save(dir, 'photo.jpg', await noise(1300, 900).jpeg().toBuffer())
    const outDir = join(dir, 'tiles', 'photo')
    const info = await buildDeepZoom(input, outDir, { tileSize: 256 })
    expect(info).toEqual({ width: 1300, height: 900, tileSize: 256, overlap: 0, format: 'jpeg', levels: 12 })
    expect(JSON.parse(readFileSync(join(outDir, 'info.json'), 'utf8'))).toEqual(info)
    const top = info.levels - 1
    const corner = await sharp(join(outDir, deepZoomTilePath(info, top, 0, 0))).metadata()
    expect([corner.format, corner.width, corner.height]).toEqual(['jpeg', 256, 256])
    const last = await sharp(join(outDir, deepZoomTilePath(info, top, 5, 3))).metadata()
    expect([last.width, last.height]).toEqual([1300 - 5 * 256, 900 - 3 * 256])
    expect(existsSync(join(outDir, deepZoomTilePath(info, top, 6, 0)))).toBe(false)
    const halfSize = await sharp(join(outDir, deepZoomTilePath(info, top - 1, 2, 1))).metadata()
    expect([halfSize.width, halfSize.height]).toEqual([650 - 512, 450 - 256])
    const single = await sharp(join(outDir, deepZoomTilePath(info, 0, 0, 0))).metadata()
    expect([single.width, single.height]).toEqual([1, 1])
    expect(readdirSync(join(dir, 'tiles')).filter(isTempFile)).toEqual([])
  })

  it('reuses a finished pyramid, rebuilding only for another tile size', async () => {
    const dir = tempDir()
    const input = save(dir, 'photo.jpg', await noise(600, 400).jpeg().toBuffer())
    const outDir = join(dir, 'pyramid')
    const first = await buildDeepZoom(input, outDir)
    const tile = join(outDir, deepZoomTilePath(first, first.levels - 1, 0, 0))
    const builtAt = statSync(tile).mtimeMs
    expect(await buildDeepZoom(input, outDir)).toEqual(first)
    expect(statSync(tile).mtimeMs).toBe(builtAt)
    const smaller = await buildDeepZoom(input, outDir, { tileSize: 128 })
    expect(smaller).toEqual({ ...first, tileSize: 128 })
    expect(JSON.parse(readFileSync(join(outDir, 'info.json'), 'utf8')).tileSize).toBe(128)
  })

  it('tiles the upright image, in WebP when it has alpha', async () => {
    const dir = tempDir()
    const upright = await buildDeepZoom(save(dir, 'sideways.jpg', await sidewaysJpeg()), join(dir, 'a'))
    expect([upright.width, upright.height]).toEqual([40, 60])
    const rgba = save(dir, 'clear.png', await solid(300, 200, { r: 9, g: 9, b: 9, alpha: 0.5 }, 4).png().toBuffer())
    const info = await buildDeepZoom(rgba, join(dir, 'b'))
    expect(info.format).toBe('webp')
    expect((await sharp(join(dir, 'b', deepZoomTilePath(info, info.levels - 1, 0, 0))).metadata()).hasAlpha).toBe(true)
  })

  it('leaves neither the pyramid nor a temporary folder when the input is broken', async () => {
    const dir = tempDir()
    const input = save(dir, 'cut.jpg', halve(await noise(1200, 800).jpeg().toBuffer()))
    await expect(buildDeepZoom(input, join(dir, 'pyramid'))).rejects.toMatchObject({ code: 'truncated' })
    expect(readdirSync(dir)).toEqual(['cut.jpg'])
  })
})
