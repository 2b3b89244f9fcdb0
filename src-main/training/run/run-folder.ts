import { readdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { Diversity, TrainingData, TrainPreset } from '../../../src-preload/training-run'
import { runSampleFile, runSamplesDir } from '../../library/run-samples'
import { writeFileAtomic } from '../../common/atomic-write'
import { TrainConfigSchema, TrainMode } from '../config'
import { FineTuneFrom } from './fine-tune-source'

/** What a run is: saved once at its start (and when its steps are extended) as `run.json` in its folder. */
export const RunSpec = z.object({
  version: z.literal(1),
  id: z.string(),
  name: z.string(),
  preset: TrainPreset,
  config: TrainConfigSchema,
  /** The folders as chosen. */
  data: TrainingData,
  /** The files trained on, fixed at the start (see DatasetFiles). */
  dataset: z.object({ mode: TrainMode, rootA: z.string(), rootB: z.string(), a: z.array(z.string()).min(1), b: z.array(z.string()).min(1) }),
  sampleEvery: z.number().int().positive(),
  checkpointEvery: z.number().int().positive(),
  createdAt: z.string(),
  /** The model whose generator the run starts from (a copy is kept as `source`); absent: from scratch. */
  from: FineTuneFrom.optional()
})
export type RunSpec = z.infer<typeof RunSpec>

/** One line of `samples/samples.jsonl`: a grid written at `step`, and how diverse its outputs were. */
export const SampleRecord = z.object({ step: z.number().int(), diversity: Diversity })
export type SampleRecord = z.infer<typeof SampleRecord>

/** Where a run keeps its files, `<library>/runs/<id>/`. */
export function runFiles(runDir: string) {
  return {
    spec: join(runDir, 'run.json'),
    checkpoints: join(runDir, 'checkpoints'),
    samples: runSamplesDir(runDir),
    sample: (step: number) => runSampleFile(runDir, step),
    sampleLog: join(runSamplesDir(runDir), 'samples.jsonl'),
    metrics: join(runDir, 'metrics.jsonl'),
    exported: (direction: string) => join(runDir, `generator-${direction}.onnx`),
    source: join(runDir, 'fine-tune-source.onnx')
  }
}

export async function readRunSpec(runDir: string): Promise<RunSpec> {
  return RunSpec.parse(JSON.parse(await readFile(runFiles(runDir).spec, 'utf8')))
}

/** The run's row keeps the resolved config and, when fine-tuning, what it started from. */
export function rowConfig(spec: Pick<RunSpec, 'config' | 'from'>): Record<string, unknown> {
  return { ...spec.config, ...(spec.from && { from: spec.from }) }
}

/** Deletes all but the newest `keep` sample grids of the run in `runDir`; their log lines stay (listing skips missing files). */
export async function pruneSamples(runDir: string, keep: number): Promise<void> {
  const steps = (await readdir(runSamplesDir(runDir)).catch(() => [] as string[]))
    .map((name) => /^(\d+)\.png$/.exec(name)?.[1])
    .filter((step) => step !== undefined)
    .map(Number)
    .sort((x, y) => y - x)
  await Promise.all(steps.slice(keep).map((step) => rm(runSampleFile(runDir, step), { force: true })))
}

export async function writeRunSpec(runDir: string, spec: RunSpec): Promise<void> {
  await writeFileAtomic(runFiles(runDir).spec, Buffer.from(`${JSON.stringify(spec, null, 2)}\n`))
}
