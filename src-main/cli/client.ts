import type { Channel, JobState, RequestOf, ResponseOf } from '../../src-preload/contract'
import { createDispatcher } from '../contract-dispatch'
import { createStudio, type Studio } from '../studio'

export class CliError extends Error {}

/** The CLI's way into the core: the same validated contract the other doors use. */
export function openClient(libraryRoot?: string) {
  const studio: Studio = createStudio({ libraryRoot, door: 'cli' })
  const dispatch = createDispatcher(studio.handlers)
  async function call<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
    const reply = await dispatch(channel, request)
    if (!reply.ok) throw new CliError(reply.error.message)
    return reply.value as ResponseOf<C>
  }
  function waitForJob(jobId: string, onProgress: (state: JobState) => void): Promise<JobState> {
    return new Promise((resolve) => {
      const settle = (state: JobState) => {
        unsubscribe()
        resolve(state)
      }
      const unsubscribe = studio.subscribe((event, payload) => {
        if (event === 'library:changed' || (payload as JobState).jobId !== jobId) return
        if (event === 'jobs:progress') onProgress(payload as JobState)
        else settle(payload as JobState)
      })
      void call('jobs:list', {}).then(({ jobs }) => {
        const finished = jobs.find((job) => job.jobId === jobId && job.status !== 'running')
        if (finished) settle(finished)
      })
    })
  }
  return { studio, call, waitForJob, close: () => studio.close() }
}

export type Client = ReturnType<typeof openClient>
