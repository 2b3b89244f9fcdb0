import { describe, expect, it } from 'vitest'
import { MaskStroke } from '../../src-preload/apply-mask'
import { MAX_STROKE_COORDINATES } from '../../src-preload/mask-limits'
import { extendStroke, roundPoint } from '../../src-renderer/src/editor/mask-strokes'

describe('extendStroke', () => {
  it('keeps points at least a quarter of the radius apart', () => {
    const stroke: MaskStroke = { mode: 'paint', radius: 8, points: [0, 0] }
    expect(extendStroke(stroke, 1, 1)).toBe(false)
    expect(extendStroke(stroke, 2, 0)).toBe(true)
    expect(extendStroke(stroke, 3, 0)).toBe(false)
    expect(stroke.points).toEqual([0, 0, 2, 0])
  })

  it('never grows past what the contract accepts; the last point follows the pointer', () => {
    const stroke: MaskStroke = { mode: 'erase', radius: 4, points: [0, 0] }
    for (let x = 1; x <= MAX_STROKE_COORDINATES; x++) extendStroke(stroke, x, 0)
    expect(stroke.points.length).toBe(MAX_STROKE_COORDINATES)
    expect(stroke.points.slice(-2)).toEqual([MAX_STROKE_COORDINATES, 0])
    expect(MaskStroke.safeParse(stroke).success).toBe(true)
  })

  it('rounds to tenths', () => {
    expect(roundPoint(12.3456)).toBe(12.3)
  })
})
