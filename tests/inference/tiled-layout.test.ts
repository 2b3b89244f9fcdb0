import { describe, expect, it } from 'vitest'
import { tileSpans } from '../../src-main/inference/tiled-layout'
import { reflectIndex, resizePlanar } from '../../src-main/inference/tiled-pixels'

describe('tileSpans', () => {
  const grid = { tile: 128, overlap: 32, feather: 16, multiple: 4 }

  it('starts tiles on multiples of 4, overlapping by at least the overlap, the last ending at the padded length', () => {
    const spans = tileSpans(301, grid)
    expect(spans.map((s) => s.start)).toEqual([0, 96, 176])
    expect(spans.every((s) => s.size === 128)).toBe(true)
  })

  it('gives weights that sum to 1 at every position, 0 in the quarter of an overlap nearest a tile’s inner edge', () => {
    const spans = tileSpans(301, grid)
    const totals = new Float64Array(304)
    for (const s of spans) s.weights.forEach((w, t) => (totals[s.start + t]! += w))
    expect(totals.every((t) => Math.abs(t - 1) < 1e-6)).toBe(true)
    expect([...spans[0]!.weights.subarray(120)]).toEqual(new Array(8).fill(0))
    expect(spans[0]!.weights[0]).toBe(1)
  })

  it('uses one tile, padded up to the multiple, when the axis fits', () => {
    expect(tileSpans(97, grid).map((s) => [s.start, s.size])).toEqual([[0, 100]])
  })
})

describe('planar pixels', () => {
  it('mirrors indices without repeating the edge, as ONNX reflect padding does', () => {
    expect([-2, -1, 0, 4, 5, 6].map((i) => reflectIndex(i, 5))).toEqual([2, 1, 0, 4, 3, 2])
  })

  it('keeps a constant image constant and, halving, averages away a one-pixel stripe pattern', () => {
    expect(resizePlanar(new Float32Array(2 * 6 * 8).fill(0.25), [2, 6, 8], [3, 5]).every((v) => Math.abs(v - 0.25) < 1e-6)).toBe(true)
    const stripes = resizePlanar(Float32Array.of(0, 1, 0, 1, 0, 1, 0, 1), [1, 1, 8], [1, 4])
    expect([...stripes.subarray(1, 3)]).toEqual([0.5, 0.5])
  })
})
