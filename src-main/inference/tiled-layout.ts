/** One tile's extent along an axis, and the blending weight of each of its pixels. */
export interface TileSpan {
  start: number
  size: number
  /**
   * Per pixel of the span, normalised so the weights of all spans covering a position sum to 1. Along both axes
   * the 2-D weight is rowWeight·columnWeight, which then also sums to 1 over the tiles covering a pixel.
   */
  weights: Float32Array
}

export const roundUp = (value: number, multiple: number): number => Math.ceil(value / multiple) * multiple

/**
 * Tiles covering [0, length) padded up to a multiple of `multiple`: each `tile` long (one shorter tile where the
 * axis is shorter), starting on multiples of `multiple` so strided layers see every tile in the same phase,
 * neighbours overlapping by at least `overlap`. Weights ramp linearly across the middle `feather` pixels of each
 * overlap; the rest of it, nearest a tile's inner edge where missing context distorts the tile, gets weight 0.
 */
export function tileSpans(length: number, { tile, overlap, feather, multiple }: TileGrid): TileSpan[] {
  if (tile % multiple !== 0 || overlap % multiple !== 0) throw new RangeError(`tile (${tile}) and overlap (${overlap}) must be multiples of ${multiple}`)
  if (overlap < 0 || 2 * overlap > tile) throw new RangeError(`overlap (${overlap}) must be between 0 and half the tile (${tile})`)
  if (!(feather > 0 && feather <= overlap) && overlap > 0) throw new RangeError(`feather (${feather}) must be above 0 and at most the overlap (${overlap})`)
  const padded = roundUp(length, multiple)
  if (padded <= tile) return [{ start: 0, size: padded, weights: new Float32Array(padded).fill(1) }]
  const count = Math.ceil((padded - overlap) / (tile - overlap))
  const starts = Array.from({ length: count }, (_, i) => Math.min(i * (tile - overlap), padded - tile))
  const ramp = (distance: number): number => Math.min(1, Math.max(0, (distance - (overlap - feather) / 2) / feather))
  const raw = starts.map((_, i) =>
    Float32Array.from({ length: tile }, (_, t) => Math.min(i > 0 ? ramp(t + 0.5) : 1, i < count - 1 ? ramp(tile - t - 0.5) : 1))
  )
  const totals = new Float32Array(padded)
  starts.forEach((start, i) => raw[i]!.forEach((w, t) => (totals[start + t]! += w)))
  return starts.map((start, i) => ({ start, size: tile, weights: raw[i]!.map((w, t) => w / totals[start + t]!) }))
}

export interface TileGrid {
  tile: number
  overlap: number
  /** Width of the linear blend at the middle of each overlap, 0 < feather ≤ overlap. */
  feather: number
  multiple: number
}
