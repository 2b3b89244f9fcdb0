import type { MetricPoint } from '../../../src-preload/training-run'

/** At most `limit` points: every point, or the means over equal runs of consecutive steps (each at its last step). */
export function downsample(points: MetricPoint[], limit = 1000): MetricPoint[] {
  if (points.length <= limit) return points
  const span = Math.ceil(points.length / limit)
  const out: MetricPoint[] = []
  for (let start = 0; start < points.length; start += span) {
    const bucket = points.slice(start, start + span)
    const mean = (pick: (p: MetricPoint) => number | undefined) => bucket.reduce((sum, p) => sum + (pick(p) ?? 0), 0) / bucket.length
    const names = Object.keys(bucket[0]!.losses)
    out.push({
      step: bucket[bucket.length - 1]!.step,
      losses: Object.fromEntries(names.map((name) => [name, mean((p) => p.losses[name])])),
      dReal: mean((p) => p.dReal),
      dFake: mean((p) => p.dFake),
      lr: mean((p) => p.lr),
      ms: mean((p) => p.ms)
    })
  }
  return out
}
