import { describe, expect, it } from 'vitest'
import type { ImportReport, JobState } from '../../src-preload/contract'
import { StudioError } from '../../src-main/common/studio-error'
import { JobRunner } from '../../src-main/jobs/job-runner'

const emptyReport: ImportReport = { imported: [], duplicates: [], failed: [] }
const emptyOutput = { report: emptyReport }

function recorder() {
  const events: Array<[string, JobState]> = []
  let resolveFinished!: (state: JobState) => void
  const finished = new Promise<JobState>((resolve) => (resolveFinished = resolve))
  const runner = new JobRunner((event, state) => {
    events.push([event, state])
    if (event === 'jobs:finished') resolveFinished(state)
  })
  return { runner, events, finished }
}

describe('JobRunner', () => {
  it('reports progress and the final report', async () => {
    const { runner, events, finished } = recorder()
    runner.start('import', async (ctx) => {
      for (let i = 1; i <= 3; i++) {
        await new Promise((r) => setTimeout(r, 120))
        ctx.progress(i, 3, `file${i}.jpg`)
      }
      return { report: { ...emptyReport, imported: [{ id: 1, name: 'file1.jpg' }] } }
    })
    const state = await finished
    expect(state).toMatchObject({ status: 'done', done: 3, total: 3, report: { imported: [{ id: 1 }] } })
    expect(events.filter(([e]) => e === 'jobs:progress').map(([, s]) => s.done)).toEqual([0, 1, 2, 3])
  })

  it('cancels through the abort signal and says so', async () => {
    const { runner, finished } = recorder()
    const id = runner.start('import', (ctx) => new Promise((resolve) => ctx.signal.addEventListener('abort', () => resolve(emptyOutput))))
    expect(runner.cancel(id)).toBe(true)
    expect((await finished).status).toBe('cancelled')
    expect(runner.cancel(id)).toBe(false)
    expect(runner.cancel('no-such-job')).toBe(false)
  })

  it('counts work that throws because it was cancelled as cancelled, not failed', async () => {
    const { runner, finished } = recorder()
    const id = runner.start('import', (ctx) => new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason))))
    runner.cancel(id)
    expect(await finished).toMatchObject({ status: 'cancelled' })
  })

  it('turns a thrown StudioError into a failed job with its message', async () => {
    const { runner, finished } = recorder()
    runner.start('import', async () => {
      throw new StudioError('busy', 'the library is busy')
    })
    expect(await finished).toMatchObject({ status: 'failed', error: 'the library is busy' })
  })

  it('cancelAll waits for running work to stop', async () => {
    const { runner } = recorder()
    let stopped = false
    runner.start('import', (ctx) => new Promise((resolve) => ctx.signal.addEventListener('abort', () => setTimeout(() => ((stopped = true), resolve(emptyOutput)), 50))))
    await runner.cancelAll()
    expect(stopped).toBe(true)
    expect(runner.list()[0]?.status).toBe('cancelled')
  })
})
