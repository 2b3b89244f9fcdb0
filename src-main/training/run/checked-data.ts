import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { TrainingData } from '../../../src-preload/training-run'
import { inspectTrainingData, type DataInspection } from '../data/inspect-data'

/** A finished check of training folders, with the size and modification time of every file it found usable. */
export interface CheckedData {
  key: string
  inspection: DataInspection
  files: Map<string, string>
}

const keyOf = (data: TrainingData, size: number): string => JSON.stringify([data.mode, data.a, data.b ?? null, size])

/** Stamps of the files a run would train on: size and modification time, or "gone". */
async function stamps(inspection: DataInspection): Promise<Map<string, string>> {
  const { dataset } = inspection
  const paths = dataset ? [...new Set([...dataset.a.map((f) => join(dataset.rootA, f)), ...dataset.b.map((f) => join(dataset.rootB, f))])] : []
  const stamped = await Promise.all(paths.map(async (path) => [path, await stat(path).then((s) => `${s.size}:${s.mtimeMs}`, () => 'gone')] as const))
  return new Map(stamped)
}

export async function checkData(data: TrainingData, size: number, signal: AbortSignal): Promise<CheckedData> {
  const inspection = await inspectTrainingData(data, size, signal)
  const checked = { key: keyOf(data, size), inspection, files: await stamps(inspection) }
  // Aborted after its last image was read: a newer check replaces it all the same.
  signal.throwIfAborted()
  return checked
}

/**
 * The last check again, without decoding every image once more, when it was of the same folders, mode and size,
 * found data to train on, and none of its files has changed since (size and modification time). A file added
 * since is left out: the run trains on what the check showed.
 */
export async function reusableCheck(last: CheckedData | undefined, data: TrainingData, size: number): Promise<DataInspection | undefined> {
  if (!last?.inspection.dataset || last.key !== keyOf(data, size)) return undefined
  const now = await stamps(last.inspection)
  for (const [path, stamp] of last.files) if (now.get(path) !== stamp) return undefined
  return last.inspection
}
