import { describe, expect, it } from 'vitest'
import { ApplyMask } from '../../src-preload/apply-mask'
import { maskRecord, rasteriseMask } from '../../src-main/inference/mask-raster'

const at = (weights: Float32Array, width: number, x: number, y: number) => weights[y * width + x]!
const size = (width: number, height: number) => ({ width, height })

describe('rasteriseMask', () => {
  it('draws a dab as a disc of 1 over 0, with no feather', async () => {
    const weights = await rasteriseMask({ strokes: [{ mode: 'paint', radius: 10, points: [50, 40] }], feather: 0 }, size(100, 80), size(100, 80))
    expect(weights.length).toBe(8000)
    expect(at(weights, 100, 50, 40)).toBe(1)
    expect(at(weights, 100, 57, 40)).toBe(1)
    expect(at(weights, 100, 62, 40)).toBe(0)
    expect(at(weights, 100, 0, 0)).toBe(0)
    const covered = weights.reduce((sum, w) => sum + w, 0)
    expect(covered).toBeGreaterThan(Math.PI * 100 * 0.95)
    expect(covered).toBeLessThan(Math.PI * 100 * 1.05)
  })

  it('paints a stroke along its points and lets a later erase stroke cut through it', async () => {
    const mask: ApplyMask = {
      strokes: [
        { mode: 'paint', radius: 5, points: [10, 20, 90, 20] },
        { mode: 'erase', radius: 5, points: [50, 0, 50, 40] }
      ],
      feather: 0
    }
    const weights = await rasteriseMask(mask, size(100, 40), size(100, 40))
    expect(at(weights, 100, 20, 20)).toBe(1)
    expect(at(weights, 100, 80, 20)).toBe(1)
    expect(at(weights, 100, 50, 20)).toBe(0)
    expect(at(weights, 100, 20, 30)).toBe(0)
  })

  it('scales strokes and feather from the original to a smaller working size', async () => {
    const mask: ApplyMask = { strokes: [{ mode: 'paint', radius: 40, points: [200, 100] }], feather: 0 }
    const weights = await rasteriseMask(mask, size(400, 200), size(100, 50))
    expect(weights.length).toBe(5000)
    expect(at(weights, 100, 50, 25)).toBe(1)
    expect(at(weights, 100, 58, 25)).toBe(1)
    expect(at(weights, 100, 62, 25)).toBe(0)
  })

  it('feathers the edge into a smooth ramp of the width the sigma gives', async () => {
    // A disc around (0, 50) of radius 100: along row 50 its edge is at x = 100.
    const weights = await rasteriseMask({ strokes: [{ mode: 'paint', radius: 100, points: [0, 50] }], feather: 8 }, size(200, 100), size(200, 100))
    const line = Array.from({ length: 200 }, (_, x) => at(weights, 200, x, 50))
    expect(line[70]).toBeGreaterThan(0.99)
    expect(line[100]).toBeGreaterThan(0.4)
    expect(line[100]).toBeLessThan(0.6)
    expect(line[130]).toBeLessThan(0.01)
    const ramp = line.slice(80, 121)
    expect(ramp.every((w, i) => i === 0 || w <= ramp[i - 1]! + 1e-6)).toBe(true)
    expect(ramp.filter((w) => w > 0.05 && w < 0.95).length).toBeGreaterThan(15)
  })

  it('draws masks larger than one drawing surface', async () => {
    const weights = await rasteriseMask({ strokes: [{ mode: 'paint', radius: 2000, points: [20_000, 300] }], feather: 0 }, size(40_000, 600), size(40_000, 600))
    expect(weights.length).toBe(40_000 * 600)
    expect(at(weights, 40_000, 20_000, 300)).toBe(1)
    expect(at(weights, 40_000, 10_000, 300)).toBe(0)
  })
})

describe('the mask in the contract', () => {
  it('refuses odd coordinates, empty strokes and oversized masks', () => {
    const stroke = { mode: 'paint', radius: 4, points: [1, 2] }
    expect(ApplyMask.safeParse({ strokes: [stroke], feather: 2 }).success).toBe(true)
    expect(ApplyMask.safeParse({ strokes: [{ ...stroke, points: [1, 2, 3] }], feather: 2 }).error?.issues[0]?.message).toMatch(/x, y pairs/)
    expect(ApplyMask.safeParse({ strokes: [], feather: 2 }).success).toBe(false)
    expect(ApplyMask.safeParse({ strokes: [{ ...stroke, radius: 0 }], feather: 2 }).success).toBe(false)
    expect(ApplyMask.safeParse({ strokes: [{ ...stroke, points: [Number.NaN, 1] }], feather: 2 }).success).toBe(false)
    expect(ApplyMask.safeParse({ strokes: [stroke], feather: -1 }).success).toBe(false)
    const long = { ...stroke, points: new Array(20_000).fill(1) }
    expect(ApplyMask.safeParse({ strokes: [long], feather: 0 }).success).toBe(true)
    expect(ApplyMask.safeParse({ strokes: [{ ...long, points: [...long.points, 1, 1] }], feather: 0 }).success).toBe(false)
    expect(ApplyMask.safeParse({ strokes: new Array(21).fill(long), feather: 0 }).error?.issues[0]?.message).toMatch(/at most 400000 coordinates/)
  })

  it('records counts, feather and a digest that tells masks apart', () => {
    const mask: ApplyMask = { strokes: [{ mode: 'paint', radius: 4, points: [1, 2, 3, 4] }, { mode: 'erase', radius: 2, points: [5, 6] }], feather: 3 }
    const record = maskRecord(mask)
    expect(record).toMatchObject({ strokes: 2, points: 3, feather: 3 })
    expect(record.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(maskRecord({ ...mask, feather: 4 }).sha256).not.toBe(record.sha256)
  })
})
