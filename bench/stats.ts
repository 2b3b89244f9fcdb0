import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, totalmem } from 'node:os'
import { join } from 'node:path'

export function median(values: number[]): number {
  return percentile(values, 50)
}

/** Nearest-rank percentile (p in 0..100) of a non-empty list. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!
}

export const fixed = (value: number, digits = 1): string => value.toFixed(digits)

export const megabytes = (kilobytes: number): string => `${Math.round(kilobytes / 1024)} MB`

export function machineLine(): string {
  const cores = cpus()
  return `${cores.length} cores, ${cores[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 1024 ** 3)} GB RAM, Node ${process.version}, ${process.platform}`
}

/** The 1-minute load average when the bench starts: other work on the machine skews every figure. */
export const loadLine = (): string => `load average ${fixed(loadavg()[0]!, 2)} at start`

/**
 * Peak resident memory of this process, in KB. On Linux this is VmHWM: getrusage's maxRSS (what
 * `process.resourceUsage().maxRSS` reads) survives execve, so a child spawned by a big parent reports the parent's RSS.
 */
export function peakRssKb(): number {
  const status = process.platform === 'linux' ? readFileSync('/proc/self/status', 'utf8') : ''
  const highWaterMark = /^VmHWM:\s+(\d+) kB/m.exec(status)
  return highWaterMark ? Number(highWaterMark[1]) : process.resourceUsage().maxRSS
}

/** Keeps the raw figures of a run in bench/results/ (not committed) for later comparison. */
export function saveResults(name: string, data: unknown): string {
  const dir = join(import.meta.dirname, 'results')
  mkdirSync(dir, { recursive: true })
  const file = join(dir, `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`)
  writeFileSync(file, JSON.stringify({ machine: machineLine(), ...(data as object) }, null, 2))
  return file
}
