import { describe, expect, it } from 'vitest'
import type { MetricPoint, Sample } from '../../src-preload/contract'
import { appendMetric, appendSample, MAX_POINTS, MAX_SAMPLES, mergeHistory, thin } from '../../src-renderer/src/training/metric-history'

const point = (step: number, g = step): MetricPoint => ({ step, losses: { G: g, D: 1 }, dReal: 0.6, dFake: 0.4, lr: 2e-4, ms: 10 })
const sample = (step: number): Sample => ({ step, path: `sample/abcdefabcdef/${step}.png`, diversity: { step, ratio: { AtoB: 0.5 }, collapsing: false } })

describe('thin', () => {
  it('averages neighbours, keeps the later step and an odd last point', () => {
    const out = thin([point(1, 2), point(2, 4), point(3, 10)])
    expect(out.map((p) => p.step)).toEqual([2, 3])
    expect(out[0]!.losses.G).toBe(3)
    expect(out[1]!.losses.G).toBe(10)
  })

  it('keeps a loss that first appears in the later point of a pair', () => {
    const late = { ...point(2), losses: { G: 4, D: 1, gp: 8 } }
    expect(thin([point(1), late])[0]!.losses.gp).toBe(8)
  })
})

describe('appendMetric', () => {
  it('ignores steps already shown (a metric repeated by a status change)', () => {
    const points = [point(1), point(2)]
    expect(appendMetric(points, point(2))).toBe(points)
    expect(appendMetric(points, point(3)).map((p) => p.step)).toEqual([1, 2, 3])
  })

  it('halves a history that grows past the limit', () => {
    let points: MetricPoint[] = []
    for (let step = 1; step <= MAX_POINTS + 1; step++) points = appendMetric(points, point(step))
    expect(points.length).toBeLessThanOrEqual(MAX_POINTS)
    expect(points.at(-1)!.step).toBe(MAX_POINTS + 1)
  })
})

describe('mergeHistory', () => {
  it('adds only what events brought after the fetched history', () => {
    const merged = mergeHistory({ metrics: [point(1), point(2)], samples: [sample(2)] }, { metrics: [point(2), point(3)], samples: [sample(2), sample(4)] })
    expect(merged.metrics.map((p) => p.step)).toEqual([1, 2, 3])
    expect(merged.samples.map((s) => s.step)).toEqual([2, 4])
  })
})

describe('appendSample', () => {
  it('replaces a grid of the same step and keeps the newest ones in order', () => {
    let samples: Sample[] = []
    for (let step = MAX_SAMPLES + 5; step >= 1; step--) samples = appendSample(samples, sample(step))
    expect(samples).toHaveLength(MAX_SAMPLES)
    expect(samples[0]!.step).toBe(6)
    expect(samples.at(-1)!.step).toBe(MAX_SAMPLES + 5)
  })
})
