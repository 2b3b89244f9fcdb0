import { Worker } from 'node:worker_threads'
import { StudioError } from '../../common/studio-error'
import { FromWorker, type ToWorker } from './messages'

/**
 * The worker's entry beside this module: `train-worker.ts` when running from source (tsx, vitest), where the
 * thread registers tsx before importing it; `train-worker.js` in the electron-vite bundle, which builds it as an
 * entry of its own next to main's.
 */
function spawnWorker(): Worker {
  const fromSource = import.meta.url.endsWith('.ts')
  const entry = new URL(`./train-worker.${fromSource ? 'ts' : 'js'}`, import.meta.url)
  if (!fromSource) return new Worker(entry)
  const tsx = import.meta.resolve('tsx/esm/api')
  return new Worker(`import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry.href)}) })`, { eval: true })
}

export type WorkerEnd = Extract<FromWorker, { type: 'stopped' | 'exported' }>

/** One task on its own thread: messages validated both ways, and a promise of how it ended. */
export class TrainingWorker {
  private readonly worker = spawnWorker()
  readonly ended: Promise<WorkerEnd>

  constructor(task: Exclude<ToWorker, { type: 'stop' }>, onMessage: (message: FromWorker) => void) {
    this.ended = new Promise<WorkerEnd>((resolve, reject) => {
      let end: WorkerEnd | undefined
      let failed: StudioError | undefined
      this.worker.on('message', (raw: unknown) => {
        const parsed = FromWorker.safeParse(raw)
        if (!parsed.success) return void (failed = new StudioError('internal', 'the training worker sent a malformed message'))
        const message = parsed.data
        if (message.type === 'stopped' || message.type === 'exported') end = message
        if (message.type === 'failed') failed = new StudioError(message.code, message.message)
        onMessage(message)
        if (end || failed) void this.worker.terminate()
      })
      this.worker.on('error', (err) => (failed ??= new StudioError('internal', `the training worker crashed: ${err.message}`)))
      this.worker.on('exit', () => (end ? resolve(end) : reject(failed ?? new StudioError('internal', 'the training worker ended without finishing'))))
    })
    this.worker.postMessage(task)
  }

  stop(reason: 'pause' | 'cancel'): void {
    this.worker.postMessage({ type: 'stop', reason } satisfies ToWorker)
  }
}
