import type { StudioHandlers } from '../../../src-preload/contract'
import type { trainingRequests } from '../../../src-preload/training-run'
import type { TrainingService } from './training-service'

type TrainingChannel = keyof typeof trainingRequests
export type TrainingHandlers = Pick<StudioHandlers, TrainingChannel>

/** The contract's training channels. */
export function trainingHandlers(training: TrainingService): TrainingHandlers {
  return {
    'training:inspect': (request) => training.inspect(request),
    'training:start': async (request) => ({ run: await training.start(request) }),
    'training:list': async () => ({ runs: training.list() }),
    'training:get': ({ id }) => training.get(id),
    'training:pause': async ({ id }) => ({ run: await training.pause(id) }),
    'training:resume': async ({ id, ...change }) => ({ run: await training.resume(id, change) }),
    'training:cancel': async ({ id }) => ({ run: await training.cancel(id) }),
    'training:remove': async ({ id }) => ({ id: await training.remove(id) }),
    'training:saveModel': (request) => training.saveModel(request)
  }
}
