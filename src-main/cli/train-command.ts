import { resolve } from 'node:path'
import type { DataReport, EventOf, TrainingRun, TrainMode } from '../../src-preload/contract'
import { RecomputeLevel } from '../../src-preload/training-run'
import { CliError, type Client } from './client'
import { progressBar } from './progress-bar'
import { wholeNumber } from './whole-numbers'

export interface TrainFlags {
  a?: string
  b?: string
  name?: string
  mode?: string
  preset?: string
  steps?: string
  size?: string
  recompute?: string
  sampleEvery?: string
  checkpointEvery?: string
  resume?: string
  /** A model id whose generator the run fine-tunes. */
  from?: string
  save: boolean
}

const MODES: readonly TrainMode[] = ['cyclegan', 'pix2pix', 'colorize']
const PROBLEMS_PRINTED = 20
/** What a shell reports for a process ended by Ctrl+C (128 + SIGINT). */
const INTERRUPTED = 130

/** `train --a <dir> [--b <dir>] --name <n>` or `train --resume <run>`: trains in the foreground; Ctrl+C pauses at a checkpoint. */
export async function trainCommand(client: Client, flags: TrainFlags): Promise<number> {
  const steps = flags.steps === undefined ? undefined : wholeNumber(flags.steps, '--steps', 1, 100_000_000)
  const ended = watchRuns(client)
  let run: TrainingRun
  if (flags.resume) {
    if (flags.from !== undefined) throw new CliError('train: --from starts a new run; a resumed run goes on from its own checkpoint')
    const recompute = recomputeFlag(flags.recompute)
    run = (await client.call('training:resume', { id: flags.resume, steps, ...(recompute && { recompute }) })).run
    console.log(`Resuming "${run.name}" (${run.id}) at step ${run.step} of ${run.steps}.`)
  } else {
    run = await startRun(client, flags, steps)
  }

  const bar = progressBar('train')
  const stopProgress = client.studio.subscribe((event, payload) => {
    if (event !== 'training:progress') return
    const progress = payload as EventOf<'training:progress'>
    if (progress.runId === run.id && progress.status === 'running') bar.update(progress.step, progress.steps, describe(progress))
  })
  let interrupted = false
  const pause = () => {
    interrupted = true
    console.error('\nPausing at the next step and saving a checkpoint…')
    void client.call('training:pause', { id: run.id }).catch(() => undefined)
  }
  process.once('SIGINT', pause)
  try {
    const final = await ended(run.id)
    bar.end()
    return await report(client, final, flags.save, interrupted)
  } finally {
    stopProgress()
    process.off('SIGINT', pause)
  }
}

async function startRun(client: Client, flags: TrainFlags, steps: number | undefined): Promise<TrainingRun> {
  if (!flags.a || !flags.name) throw new CliError('train: give --a <folder> (and --b <folder> for CycleGAN) and --name <name>, or --resume <run id>')
  const mode = (flags.mode ?? (flags.b ? 'cyclegan' : undefined)) as TrainMode | undefined
  if (!mode || !MODES.includes(mode)) throw new CliError(`train: --mode must be cyclegan, pix2pix or colorize${flags.mode ? `, got "${flags.mode}"` : ' (CycleGAN needs --b)'}`)
  if (flags.preset !== undefined && flags.preset !== 'fast' && flags.preset !== 'reference') throw new CliError(`--preset: expected fast or reference, got "${flags.preset}"`)
  const preset = flags.preset ?? 'reference'
  const size = flags.size === undefined ? undefined : wholeNumber(flags.size, '--size', 16, 2048)
  const recompute = recomputeFlag(flags.recompute)
  const data = { mode, a: resolve(flags.a), ...(flags.b && { b: resolve(flags.b) }) }
  const report = await client.call('training:inspect', { data, preset, size })
  printReport(report)
  if (report.errors.length) throw new CliError(report.errors.join('\n'))
  const every = (flag: string | undefined, what: string) => (flag === undefined ? undefined : wholeNumber(flag, what, 1, 1_000_000))
  const { run } = await client.call('training:start', {
    name: flags.name,
    data,
    preset,
    overrides: { ...(steps !== undefined && { steps }), ...(size !== undefined && { size }), ...(recompute && { recompute }) },
    ...(flags.from !== undefined && { from: { modelId: flags.from } }),
    sampleEvery: every(flags.sampleEvery, '--sample-every'),
    checkpointEvery: every(flags.checkpointEvery, '--checkpoint-every')
  })
  const from = flags.from !== undefined ? ` from model "${flags.from}"` : ''
  console.log(`Started "${run.name}" (${run.id}): ${run.mode}, ${run.steps} steps${from}.`)
  return run
}

function recomputeFlag(flag: string | undefined): RecomputeLevel | undefined {
  if (flag === undefined) return undefined
  const level = RecomputeLevel.safeParse(flag).data
  if (!level) throw new CliError(`--recompute: expected ${RecomputeLevel.options.join(', ')}, got "${flag}"`)
  return level
}

function printReport(report: DataReport): void {
  const side = (label: string, s: DataReport['a']) => `${label} ${s.folder}: ${s.usable} of ${s.files} files usable`
  console.log([side('A', report.a), ...(report.b ? [side('B', report.b)] : []), ...(report.pairs !== undefined ? [`${report.pairs} pairs`] : [])].join('\n'))
  for (const p of report.problems.slice(0, PROBLEMS_PRINTED)) console.log(`  ${p.severity === 'skipped' ? 'skipped' : 'note'}: ${p.side.toUpperCase()} ${p.file}: ${p.message}`)
  if (report.problemCount > PROBLEMS_PRINTED) console.log(`  … and ${report.problemCount - PROBLEMS_PRINTED} more`)
}

function describe(progress: EventOf<'training:progress'>): string {
  const loss = progress.metric?.losses.G
  const parts = [loss !== undefined ? `G ${loss.toFixed(3)}` : '', progress.stepsPerSecond ? `${progress.stepsPerSecond.toFixed(2)} steps/s` : '', progress.etaSeconds !== null ? `ETA ${Math.ceil(progress.etaSeconds)} s` : '']
  return parts.filter(Boolean).join(' · ')
}

/** Resolves with a run's row once it stops running; listening starts before the run does, so no ending is missed. */
function watchRuns(client: Client): (id: string) => Promise<TrainingRun> {
  const stopped = new Map<string, TrainingRun>()
  const waiting = new Map<string, (run: TrainingRun) => void>()
  const unsubscribe = client.studio.subscribe((event, payload) => {
    if (event !== 'training:changed') return
    const { run } = payload as EventOf<'training:changed'>
    if (run.status === 'running') return
    stopped.set(run.id, run)
    waiting.get(run.id)?.(run)
  })
  return (id) =>
    new Promise<TrainingRun>((resolvePromise) => {
      const settle = (run: TrainingRun) => {
        unsubscribe()
        resolvePromise(run)
      }
      const already = stopped.get(id)
      if (already) settle(already)
      else waiting.set(id, settle)
    })
}

async function report(client: Client, run: TrainingRun, save: boolean, interrupted: boolean): Promise<number> {
  const where = run.backend ? ` on ${run.backend.split(':')[0]}` : ''
  if (run.status === 'failed') throw new CliError(`"${run.name}" failed at step ${run.step}: ${run.error ?? 'unknown error'}`)
  if (run.status === 'paused') {
    console.log(`Paused "${run.name}" at step ${run.step} of ${run.steps}${where}; go on with: gan-studio train --resume ${run.id}`)
    return interrupted ? INTERRUPTED : 0
  }
  console.log(`${run.status === 'done' ? 'Trained' : 'Cancelled'} "${run.name}" (${run.id}): ${run.step} steps in ${run.trainingSeconds.toFixed(1)} s${where}.`)
  if (save) {
    const { model } = await client.call('training:saveModel', { id: run.id })
    console.log(`Saved as model "${model.id}".`)
  }
  return 0
}
