import { join } from 'node:path'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { LOAD_SCALE, Sampler } from '../../src-main/training/data/sampler'
import { inspectTrainingData } from '../../src-main/training/data/inspect-data'
import { labToRgb } from '../../src-main/imaging'
import { tempDir } from '../helpers/temp-dir'
import { copyPhotos, PHOTOS, photoNames } from './data-fixtures'

async function dataset(mode: 'cyclegan' | 'colorize' | 'pix2pix', size: number) {
  const root = tempDir()
  if (mode === 'pix2pix') {
    copyPhotos('color', 3, join(root, 'A'), (i) => `p${i}.jpg`)
    copyPhotos('color', 3, join(root, 'B'), (i) => `p${i}.jpg`)
  } else {
    copyPhotos('day', 3, join(root, 'a'))
    copyPhotos('night', 2, join(root, 'b'))
  }
  const { dataset } = await inspectTrainingData({ mode, a: mode === 'pix2pix' ? root : join(root, 'a'), b: mode === 'cyclegan' ? join(root, 'b') : undefined }, size)
  return dataset!
}

describe('sampler', () => {
  it('draws normalised random crops, the same ones again from a saved state', async () => {
    const files = await dataset('cyclegan', 32)
    const sampler = new Sampler(files, 32, { seed: 7 })
    expect(sampler.loadSize).toBe(Math.round(32 * LOAD_SCALE))
    for (let i = 0; i < 2; i++) await sampler.next()
    const saved = JSON.parse(JSON.stringify(sampler.state()))
    const after = [await sampler.next(), await sampler.next(), await sampler.next(), await sampler.next()]
    const resumed = new Sampler(files, 32, saved)
    const again = [await resumed.next(), await resumed.next(), await resumed.next(), await resumed.next()]
    expect(again).toEqual(after)

    const { a, b } = after[0]!
    expect([a.length, b.length]).toEqual([32 * 32 * 3, 32 * 32 * 3])
    expect(Math.min(...a)).toBeGreaterThanOrEqual(-1)
    expect(Math.max(...a)).toBeLessThanOrEqual(1)
    // Different seeds, different crops.
    expect(await new Sampler(files, 32, { seed: 8 }).next()).not.toEqual(await new Sampler(files, 32, { seed: 7 }).next())
  })

  it('visits every A image once per epoch', async () => {
    const files = await dataset('cyclegan', 32)
    const sampler = new Sampler(files, 32, { seed: 1 })
    const firstEpoch = [...sampler.state().order].sort()
    expect(firstEpoch).toEqual([0, 1, 2])
    for (let i = 0; i < 3; i++) await sampler.next()
    expect(sampler.state().position).toBe(3)
    await sampler.next()
    expect(sampler.state().position).toBe(1)
  })

  it('cuts a pair alike: identical A and B files give identical tensors', async () => {
    const files = await dataset('pix2pix', 64)
    const sampler = new Sampler(files, 64, { seed: 3 })
    for (let i = 0; i < 4; i++) {
      const { a, b } = await sampler.next()
      expect(b).toEqual(a)
    }
  })

  it('colorize: L in [−1, 1] and ab / 110, which turn back into the photo crop', async () => {
    const files = await dataset('colorize', 64)
    const sampler = new Sampler(files, 64, { seed: 2 })
    const { a: L, b: ab } = await sampler.next()
    expect([L.length, ab.length]).toEqual([64 * 64, 64 * 64 * 2])
    const fixed = await sampler.fixedInputs(2)
    expect(fixed.a).toHaveLength(2)
    // The fixed first input is the centre crop of the first photo scaled to the load size: rebuild it from L and ab.
    const [Lf, abf] = [fixed.a[0]!, fixed.b[0]!]
    const planes = [new Float32Array(4096), new Float32Array(4096), new Float32Array(4096)] as const
    for (let i = 0; i < 4096; i++) [planes[0][i], planes[1][i], planes[2][i]] = [(Lf[i]! + 1) * 50, abf[i * 2]! * 110, abf[i * 2 + 1]! * 110]
    const rebuilt = labToRgb(planes[0], planes[1], planes[2], 64, 64, 8)
    const photo = join(PHOTOS, 'day', photoNames('day', 1)[0]!)
    const { data, info } = await sharp(photo).resize(sampler.loadSize, sampler.loadSize, { fit: 'outside' }).removeAlpha().raw().toBuffer({ resolveWithObject: true })
    const [x, y] = [(info.width - 64) >> 1, (info.height - 64) >> 1]
    let worst = 0
    for (let row = 0; row < 64; row++)
      for (let col = 0; col < 64 * 3; col++) worst = Math.max(worst, Math.abs(rebuilt.data[row * 192 + col]! - data[((y + row) * info.width + x) * 3 + col]!))
    expect(worst).toBeLessThanOrEqual(1)
  })
})
