import { z } from 'zod'
import { Diversity, MetricPoint, TrainDirection } from '../../../src-preload/training-run'

/** What the studio asks of a training worker. A worker does one task, then ends. */
export const ToWorker = z.discriminatedUnion('type', [
  /** Train the run in `runDir` from its latest checkpoint (or from scratch) to its configured steps. */
  z.object({ type: z.literal('train'), runDir: z.string() }),
  /** Write the generator of the latest checkpoint as ONNX to `target`. */
  z.object({ type: z.literal('export'), runDir: z.string(), direction: TrainDirection, target: z.string() }),
  /** Stop training after the current step, saving a checkpoint. */
  z.object({ type: z.literal('stop'), reason: z.enum(['pause', 'cancel']) })
])
export type ToWorker = z.infer<typeof ToWorker>

export const FromWorker = z.discriminatedUnion('type', [
  z.object({ type: z.literal('backend'), backend: z.string(), note: z.string() }),
  /** Training (re)starts from `step`. */
  z.object({ type: z.literal('started'), step: z.number().int(), steps: z.number().int() }),
  z.object({ type: z.literal('step'), metric: MetricPoint }),
  /** A sample grid was written at `samples/<step>.png`. */
  z.object({ type: z.literal('sample'), step: z.number().int(), diversity: Diversity }),
  z.object({ type: z.literal('checkpoint'), step: z.number().int(), trainingMs: z.number() }),
  z.object({ type: z.literal('stopped'), reason: z.enum(['paused', 'cancelled', 'done']), step: z.number().int(), trainingMs: z.number() }),
  /** The generator of the checkpoint at `step` was written to `target`. */
  z.object({ type: z.literal('exported'), target: z.string(), step: z.number().int() }),
  z.object({ type: z.literal('failed'), code: z.string(), message: z.string() })
])
export type FromWorker = z.infer<typeof FromWorker>
