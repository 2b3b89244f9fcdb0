/** The training thread: one task (train or export) per worker, told by messages and answering with messages. */
import { parentPort } from 'node:worker_threads'
import { writeFileAtomic } from '../../common/atomic-write'
import { StudioError } from '../../common/studio-error'
import { ImageError } from '../../imaging'
import { selectTrainingBackend } from '../backend/select-backend'
import { CheckpointError } from '../checkpoints/checkpoint-file'
import { CheckpointStore } from '../checkpoints/checkpoint-store'
import { decodeRunCheckpoint } from '../checkpoints/snapshot-codec'
import { readRunSpec, runFiles } from '../run/run-folder'
import { trainRun, type StopRequest } from '../run/train-loop'
import { createTrainer } from '../trainer'
import { FromWorker, ToWorker } from './messages'

const port = parentPort
if (!port) throw new Error('train-worker.ts runs as a worker thread')

const post = (message: FromWorker) => port.postMessage(FromWorker.parse(message))
let stop: StopRequest
let busy = false

port.on('message', (raw: unknown) => {
  const parsed = ToWorker.safeParse(raw)
  if (!parsed.success) return post({ type: 'failed', code: 'internal', message: `the training worker got a malformed message: ${parsed.error.issues[0]?.message}` })
  const message = parsed.data
  if (message.type === 'stop') {
    stop ??= message.reason
    return
  }
  if (busy) return post({ type: 'failed', code: 'internal', message: 'the training worker is already busy' })
  busy = true
  void run(message).catch((err: unknown) => post(failure(err)))
})

async function run(task: Exclude<ToWorker, { type: 'stop' }>): Promise<void> {
  const backend = await selectTrainingBackend()
  post({ type: 'backend', ...backend })
  if (task.type === 'train') return trainRun(task.runDir, post, () => stop, backend)
  const latest = await new CheckpointStore(runFiles(task.runDir).checkpoints).latest()
  if (!latest) throw new StudioError('no-checkpoint', 'this run has no checkpoint yet: train at least until its first one')
  const { config } = await readRunSpec(task.runDir)
  const trainer = await createTrainer(config, { snapshot: decodeRunCheckpoint(latest).trainer })
  try {
    await writeFileAtomic(task.target, trainer.exportOnnx(task.direction))
  } finally {
    trainer.dispose()
  }
  post({ type: 'exported', target: task.target, step: latest.step })
}

function failure(err: unknown): FromWorker {
  if (err instanceof StudioError || err instanceof ImageError) return { type: 'failed', code: err.code, message: err.message }
  if ((err as NodeJS.ErrnoException).code === 'ENOSPC') return { type: 'failed', code: 'disk-full', message: 'the disk holding the library is full; the last checkpoint is kept' }
  console.error('training failed:', err)
  const message = err instanceof CheckpointError ? err.message : `training stopped on an unexpected error: ${err instanceof Error ? err.message : String(err)}`
  return { type: 'failed', code: 'internal', message }
}
