/** Maps loss values and steps onto a chart's box; a log scale needs every value above zero. */
export interface Axis {
  min: number
  max: number
  log: boolean
}

const SMALLEST_LOG = 1e-6

export function valueAxis(values: number[], log: boolean): Axis {
  const finite = values.filter(Number.isFinite).map((v) => (log ? Math.log10(Math.max(v, SMALLEST_LOG)) : v))
  if (finite.length === 0) return { min: 0, max: 1, log }
  let min = Math.min(...finite)
  let max = Math.max(...finite)
  if (max - min < 1e-9) [min, max] = [min - 0.5, max + 0.5]
  return { min, max, log }
}

/** 0 at the axis's bottom, 1 at its top. */
export function position(value: number, axis: Axis): number {
  const v = axis.log ? Math.log10(Math.max(value, SMALLEST_LOG)) : value
  return (v - axis.min) / (axis.max - axis.min)
}

/** The value at a share of the axis's height (for tick labels). */
export function valueAt(share: number, axis: Axis): number {
  const v = axis.min + share * (axis.max - axis.min)
  return axis.log ? 10 ** v : v
}

/** An SVG polyline's points for one series; non-finite values (a diverged step) break nothing, they are left out. */
export function polyline(steps: number[], values: number[], box: { width: number; height: number }, axis: Axis): string {
  const first = steps[0] ?? 0
  const span = Math.max(1, (steps.at(-1) ?? 0) - first)
  const points: string[] = []
  for (let i = 0; i < steps.length; i++) {
    const value = values[i]
    if (value === undefined || !Number.isFinite(value)) continue
    const x = ((steps[i]! - first) / span) * box.width
    const y = (1 - position(value, axis)) * box.height
    points.push(`${x.toFixed(1)},${y.toFixed(1)}`)
  }
  return points.join(' ')
}

export function formatFigure(value: number): string {
  if (!Number.isFinite(value)) return String(value)
  const size = Math.abs(value)
  return size !== 0 && (size < 0.001 || size >= 10_000) ? value.toExponential(2) : value.toPrecision(3)
}
