import type { MetricPoint, Sample } from '@contract'

/** Points a chart keeps; past this a long run's history is halved. */
export const MAX_POINTS = 2000
/** Sample grids kept to look back through, as many as `training:get` lists. */
export const MAX_SAMPLES = 20

/** Halves a series by averaging neighbours (the later one's step and rate), so a chart stays light however long a run trains. */
export function thin(points: MetricPoint[]): MetricPoint[] {
  const out: MetricPoint[] = []
  for (let i = 0; i + 1 < points.length; i += 2) {
    const [p, q] = [points[i]!, points[i + 1]!]
    const losses: Record<string, number> = {}
    for (const [key, value] of Object.entries(q.losses)) losses[key] = ((p.losses[key] ?? value) + value) / 2
    out.push({ step: q.step, losses, dReal: (p.dReal + q.dReal) / 2, dFake: (p.dFake + q.dFake) / 2, lr: q.lr, ms: (p.ms + q.ms) / 2 })
  }
  if (points.length % 2) out.push(points[points.length - 1]!)
  return out
}

/** Adds a step's figures unless an equal or later step is already there; thins when too long. */
export function appendMetric(points: MetricPoint[], metric: MetricPoint): MetricPoint[] {
  if (metric.step <= (points.at(-1)?.step ?? -1)) return points
  const next = [...points, metric]
  return next.length > MAX_POINTS ? thin(next) : next
}

/** A run's history as fetched, with what events brought while it was being fetched (only what is newer). */
export function mergeHistory(
  fetched: { metrics: MetricPoint[]; samples: Sample[] },
  heard: { metrics: MetricPoint[]; samples: Sample[] }
): { metrics: MetricPoint[]; samples: Sample[] } {
  let metrics = heard.metrics.reduce(appendMetric, fetched.metrics)
  while (metrics.length > MAX_POINTS) metrics = thin(metrics)
  const samples = heard.samples.reduce(appendSample, fetched.samples)
  return { metrics, samples }
}

/** Adds a sample grid, replacing one of the same step, keeping the newest MAX_SAMPLES in step order. */
export function appendSample(samples: Sample[], sample: Sample): Sample[] {
  return [...samples.filter((s) => s.step !== sample.step), sample].sort((x, y) => x.step - y.step).slice(-MAX_SAMPLES)
}
