import type { MetricPoint } from '@contract'

/** Steps averaged before judging the balance: one step's verdicts are noisy. */
const WINDOW = 20
/** A gap between D(real) and D(fake) this wide means one side has all but stopped learning. */
const COLLAPSED_GAP = 0.8

export interface Balance {
  dReal: number
  dFake: number
  /** dWins: D tells every fake apart, G gets no gradient. gWins: D is fooled by everything and teaches G nothing. */
  verdict: 'balanced' | 'dWins' | 'gWins'
}

export function balanceOf(metrics: MetricPoint[]): Balance | null {
  const recent = metrics.slice(-WINDOW)
  if (recent.length === 0) return null
  const mean = (pick: (m: MetricPoint) => number) => recent.reduce((sum, m) => sum + pick(m), 0) / recent.length
  const dReal = mean((m) => m.dReal)
  const dFake = mean((m) => m.dFake)
  const gap = dReal - dFake
  return { dReal, dFake, verdict: gap > COLLAPSED_GAP ? 'dWins' : gap < -COLLAPSED_GAP ? 'gWins' : 'balanced' }
}
