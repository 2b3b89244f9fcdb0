import { describe, expect, it } from 'vitest'
import type { MetricPoint } from '../../src-preload/contract'
import { balanceOf } from '../../src-renderer/src/components/training/balance'
import { formatFigure, polyline, position, valueAt, valueAxis } from '../../src-renderer/src/components/training/chart-scale'
import { formatDuration } from '../../src-renderer/src/components/training/duration'

const verdicts = (dReal: number, dFake: number, n = 30): MetricPoint[] =>
  Array.from({ length: n }, (_, i) => ({ step: i + 1, losses: {}, dReal, dFake, lr: 1e-4, ms: 5 }))

describe('balanceOf', () => {
  it('is balanced near 0.5 and says which side wins when the gap collapses', () => {
    expect(balanceOf([])).toBeNull()
    expect(balanceOf(verdicts(0.55, 0.45))?.verdict).toBe('balanced')
    expect(balanceOf(verdicts(0.97, 0.03))?.verdict).toBe('dWins')
    expect(balanceOf(verdicts(0.05, 0.95))?.verdict).toBe('gWins')
  })

  it('judges the recent steps, not the whole run', () => {
    const early = verdicts(0.99, 0.01, 100)
    const recent = verdicts(0.5, 0.5, 20)
    expect(balanceOf([...early, ...recent])).toMatchObject({ dReal: 0.5, dFake: 0.5, verdict: 'balanced' })
  })
})

describe('chart scale', () => {
  it('maps the range onto the box and back, linear and log', () => {
    const linear = valueAxis([2, 4, 6], false)
    expect(position(2, linear)).toBe(0)
    expect(position(6, linear)).toBe(1)
    expect(valueAt(0.5, linear)).toBe(4)
    const log = valueAxis([0.01, 1, 100], true)
    expect(position(1, log)).toBeCloseTo(0.5)
    expect(valueAt(1, log)).toBeCloseTo(100)
  })

  it('gives a flat series some height and leaves non-finite values out of the line', () => {
    const axis = valueAxis([3, 3], false)
    expect(position(3, axis)).toBe(0.5)
    expect(polyline([0, 5, 10], [1, NaN, 3], { width: 100, height: 10 }, valueAxis([1, 3], false))).toBe('0.0,10.0 100.0,0.0')
  })

  it('prints figures compactly', () => {
    expect(formatFigure(0.123456)).toBe('0.123')
    expect(formatFigure(0.00001234)).toBe('1.23e-5')
    expect(formatFigure(0)).toBe('0.00')
  })
})

describe('formatDuration', () => {
  it('gives the two largest units', () => {
    expect(formatDuration(45, 'en')).toBe('45 sec')
    expect(formatDuration(3725, 'en')).toBe('1 hr 2 min')
    expect(formatDuration(0, 'en')).toBe('0 sec')
    expect(formatDuration(3600, 'en')).toBe('1 hr')
  })
})
