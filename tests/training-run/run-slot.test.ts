import { describe, expect, it } from 'vitest'
import type { TrainingRun } from '../../src-preload/contract'
import { tempDir } from '../helpers/temp-dir'
import { openStudio, photoFolders, stopped, TINY, value } from './run-fixtures'

const start = (name: string, folders: { a: string; b: string }, steps = TINY.steps) => ({
  name, data: { mode: 'cyclegan', ...folders }, preset: 'fast', overrides: { ...TINY, steps, decayFrom: Math.min(TINY.decayFrom, steps) }, sampleEvery: 2, checkpointEvery: 2
})

describe('one run at a time', () => {
  it('two starts fired together: one trains, the other is refused as busy', async () => {
    const { studio, call } = openStudio()
    const folders = photoFolders(tempDir())
    const replies = await Promise.all([call('training:start', start('first', folders, 2)), call('training:start', start('second', folders, 2))])
    const started = replies.filter((r) => r.ok)
    expect(started).toHaveLength(1)
    expect(replies.filter((r) => !r.ok)).toEqual([expect.objectContaining({ error: expect.objectContaining({ code: 'busy' }) })])
    const { run } = started[0]!.value as { run: TrainingRun }
    const end = stopped(studio, () => run.id)
    expect(studio.library.trainingRuns.list().map((r) => r.id)).toEqual([run.id])
    expect(await end).toMatchObject({ status: 'done' })
  })

  it('two resumes and a start fired together: one trains, the others are refused as busy', async () => {
    const { studio, call } = openStudio()
    const folders = photoFolders(tempDir())
    const trained: TrainingRun[] = []
    for (const name of ['first', 'second']) {
      let id: string | undefined
      const done = stopped(studio, () => id)
      id = (await value<{ run: TrainingRun }>(call('training:start', start(name, folders, 2)))).run.id
      trained.push(await done)
    }
    const replies = await Promise.all([
      call('training:resume', { id: trained[0]!.id, steps: 4 }),
      call('training:resume', { id: trained[1]!.id, steps: 4 }),
      call('training:start', start('third', folders, 2))
    ])
    expect(replies.filter((r) => r.ok)).toHaveLength(1)
    expect(replies.filter((r) => !r.ok)).toEqual([1, 2].map(() => expect.objectContaining({ error: expect.objectContaining({ code: 'busy' }) })))
    const running = studio.library.trainingRuns.list().filter((r) => r.status === 'running')
    expect(running).toHaveLength(1)
    expect(await stopped(studio, () => running[0]!.id)).toMatchObject({ status: 'done' })
  })
})

describe('cancelling a training job', () => {
  it('pauses the run at a checkpoint and ends the job as done, not cancelled: Esc never throws training away', async () => {
    const { studio, call } = openStudio()
    const folders = photoFolders(tempDir())
    const finished: { jobId: string; status: string }[] = []
    studio.subscribe((event, payload) => {
      if (event === 'jobs:finished') finished.push(payload as { jobId: string; status: string })
    })
    let id: string | undefined
    const end = stopped(studio, () => id)
    id = (await value<{ run: TrainingRun }>(call('training:start', start('esc', folders, 1000)))).run.id
    const { jobs } = await value<{ jobs: { jobId: string; kind: string; status: string }[] }>(call('jobs:list', {}))
    const job = jobs.find((j) => j.kind === 'train' && j.status === 'running')!
    expect(await value(call('jobs:cancel', { jobId: job.jobId }))).toEqual({ cancelled: true })
    const run = await end
    expect(run.status).toBe('paused')
    expect(run.step).toBeLessThan(1000)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(finished.find((j) => j.jobId === job.jobId)).toMatchObject({ status: 'done' })
  })
})
