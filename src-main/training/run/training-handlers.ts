import type { StudioHandlers } from '../../../src-preload/contract'
import type { trainingRequests } from '../../../src-preload/training-run'
import { StudioError } from '../../common/studio-error'

type TrainingChannel = keyof typeof trainingRequests
export type TrainingHandlers = Pick<StudioHandlers, TrainingChannel>

const notYet = async (): Promise<never> => {
  throw new StudioError('unavailable', 'Training runs are not available in this build yet.')
}

/** The contract's training channels. */
export function trainingHandlers(): TrainingHandlers {
  return {
    'training:inspect': notYet,
    'training:start': notYet,
    'training:list': notYet,
    'training:get': notYet,
    'training:pause': notYet,
    'training:resume': notYet,
    'training:cancel': notYet,
    'training:saveModel': notYet
  }
}
