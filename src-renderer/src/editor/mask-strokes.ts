import type { MaskStroke } from '@contract'
import { MAX_STROKE_COORDINATES } from '../../../src-preload/mask-limits'

/** A point closer than this share of the radius to the last one adds nothing a round brush would show. */
const MIN_STEP_SHARE = 0.25

/**
 * Adds a point (image pixels) to a stroke being painted, skipping those too close to the last kept one; true when
 * it was kept. A stroke that is full keeps its last point moving, so the line still ends where the pointer did.
 */
export function extendStroke(stroke: MaskStroke, x: number, y: number): boolean {
  const { points } = stroke
  const n = points.length
  const step = Math.hypot(x - points[n - 2]!, y - points[n - 1]!)
  if (step < stroke.radius * MIN_STEP_SHARE) return false
  if (n + 2 > MAX_STROKE_COORDINATES) {
    points[n - 2] = x
    points[n - 1] = y
  } else points.push(x, y)
  return true
}

/** Rounded to a tenth of a pixel: finer than any brush, and short on the wire. */
export function roundPoint(value: number): number {
  return Math.round(value * 10) / 10
}
