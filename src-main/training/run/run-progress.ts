import type { MetricPoint, RunStatus, TrainingProgress } from '../../../src-preload/training-run'

/** Steps per second over about the last 20 steps of this session, from when each step's figures arrived. */
export class RunProgress {
  private readonly arrivals: number[] = []
  private lastDue = -Infinity
  metric: MetricPoint | undefined
  step: number

  constructor(
    readonly runId: string,
    step: number,
    public steps: number
  ) {
    this.step = step
  }

  record(metric: MetricPoint, now = performance.now()): void {
    this.metric = metric
    this.step = metric.step
    this.arrivals.push(now)
    if (this.arrivals.length > 21) this.arrivals.shift()
  }

  /** Whether `interval` ms have passed since it last said so: throttles progress events. */
  due(interval: number, now = performance.now()): boolean {
    if (now - this.lastDue < interval) return false
    this.lastDue = now
    return true
  }

  stepsPerSecond(): number | null {
    const n = this.arrivals.length
    if (n < 2) return null
    return ((n - 1) * 1000) / (this.arrivals[n - 1]! - this.arrivals[0]!)
  }

  state(status: RunStatus): TrainingProgress {
    const rate = status === 'running' ? this.stepsPerSecond() : null
    return {
      runId: this.runId,
      status,
      step: this.step,
      steps: this.steps,
      ...(this.metric && { metric: this.metric }),
      stepsPerSecond: rate,
      etaSeconds: rate ? Math.max(0, this.steps - this.step) / rate : null
    }
  }
}
