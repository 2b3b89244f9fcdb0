import { basename, extname } from 'node:path'
import type { DataProblem, DataReport, DataSide, TrainingData } from '../../../src-preload/training-run'
import { expandSources } from '../../library/walk-sources'
import { importFailure } from '../../library/import-failure'
import type { DatasetFiles } from './dataset-files'
import { findSides } from './find-sides'
import { checkTrainingImage, previewDataUrl, type ImageCheck } from './training-image'

const PREVIEW_COUNT = 8
const PROBLEMS_SHOWN = 500
/** Images checked at once: each decode runs on libuv's pool. */
const CHECKS_AT_ONCE = 4

type Side = 'a' | 'b'
interface Checked {
  file: string
  path: string
  check?: ImageCheck
}

export interface DataInspection {
  report: DataReport
  /** Present when the report has no errors. */
  dataset?: DatasetFiles
}

/**
 * Reads every image of the chosen folders once (small decodes) and says what a run would train on: counts,
 * previews, files it would skip and why, and errors that stop it from starting.
 */
export async function inspectTrainingData(data: TrainingData, size: number, signal?: AbortSignal): Promise<DataInspection> {
  const emptySide = (folder: string): DataSide => ({ folder, files: 0, usable: 0, preview: [] })
  const sides = await findSides(data)
  if ('error' in sides) return { report: { mode: data.mode, size, a: emptySide(data.a), problems: [], problemCount: 0, errors: [sides.error] } }

  const problems: DataProblem[] = []
  const errors: string[] = []
  const problem = (side: Side, file: string, code: string, message: string, severity: DataProblem['severity'] = 'skipped') =>
    problems.push({ side, file, code, message, severity })
  const usableOf = async (side: Side, folder: string): Promise<{ files: number; usable: Checked[] }> => {
    const found = await checkFolder(folder, side, problem, signal)
    if (!found.length) errors.push(`${folder} is empty: no files found (hidden files are left out)`)
    const usable = found.filter((item) => judge(item, side, data.mode, size, problem))
    if (found.length && !usable.length) errors.push(`${folder} has no image the run could use (see the problems listed)`)
    return { files: found.length, usable }
  }

  const sideA = await usableOf('a', sides.a)
  const sideB = data.mode === 'cyclegan' || data.mode === 'pix2pix' ? await usableOf('b', sides.b) : undefined
  let a = sideA.usable
  let b = sideB?.usable ?? a
  if (data.mode === 'pix2pix' && sideB) [a, b] = pairUp(a, b, problem)
  if (data.mode === 'pix2pix' && sideA.usable.length && sideB?.usable.length && !a.length) errors.push('no file in A has a partner of the same name in B')

  const report: DataReport = {
    mode: data.mode,
    size,
    a: { folder: sides.a, files: sideA.files, usable: a.length, preview: await previews(a) },
    ...(sideB && { b: { folder: sides.b, files: sideB.files, usable: b.length, preview: await previews(b) } }),
    ...(data.mode === 'pix2pix' && { pairs: a.length }),
    problems: [...problems.filter((p) => p.severity === 'skipped'), ...problems.filter((p) => p.severity === 'warning')].slice(0, PROBLEMS_SHOWN),
    problemCount: problems.length,
    errors
  }
  if (errors.length) return { report }
  return { report, dataset: { mode: data.mode, rootA: sides.a, rootB: sides.b, a: a.map((item) => item.file), b: b.map((item) => item.file) } }
}

async function checkFolder(folder: string, side: Side, problem: (side: Side, file: string, code: string, message: string) => void, signal?: AbortSignal): Promise<Checked[]> {
  const name = basename(folder)
  const { files, failed } = await expandSources([{ path: folder, name }], signal)
  const relative = (entry: string) => entry.slice(name.length + 1)
  for (const failure of failed) problem(side, relative(failure.name), failure.code, failure.reason)
  const checked: Checked[] = files.map((file) => ({ file: relative(file.name), path: file.path }))
  let next = 0
  const worker = async () => {
    for (let item = checked[next++]; item; item = checked[next++]) {
      signal?.throwIfAborted()
      try {
        item.check = await checkTrainingImage(item.path)
      } catch (err) {
        const failure = importFailure(item.file, err)
        problem(side, item.file, failure.code, failure.reason)
      }
    }
  }
  await Promise.all(Array.from({ length: CHECKS_AT_ONCE }, worker))
  return checked
}

/** Whether a readable image is fit to train on; reports why not, or a caveat. */
function judge(item: Checked, side: Side, mode: TrainingData['mode'], size: number, problem: (side: Side, file: string, code: string, message: string, severity?: DataProblem['severity']) => void): boolean {
  const { check } = item
  if (!check) return false
  if (Math.min(check.width, check.height) < size) {
    problem(side, item.file, 'too-small', `${check.width}×${check.height} is smaller than the ${size} px training crop`)
    return false
  }
  if (check.grey && mode === 'colorize') {
    problem(side, item.file, 'grayscale', 'greyscale: there is no colour to learn from')
    return false
  }
  if (check.grey) problem(side, item.file, 'grayscale', 'greyscale among colour photos: trained on as grey RGB', 'warning')
  return true
}

/** A and B files matched by their path without extension; pairs must share an aspect ratio to be cropped alike. */
function pairUp(a: Checked[], b: Checked[], problem: (side: Side, file: string, code: string, message: string) => void): [Checked[], Checked[]] {
  const stem = (file: string) => file.slice(0, file.length - extname(file).length)
  const byStem = new Map(b.map((item) => [stem(item.file), item]))
  const pairedA: Checked[] = []
  const pairedB: Checked[] = []
  for (const item of a) {
    const partner = byStem.get(stem(item.file))
    byStem.delete(stem(item.file))
    if (!partner) {
      problem('a', item.file, 'unpaired', 'no file of the same name in B')
      continue
    }
    const [ca, cb] = [item.check!, partner.check!]
    if (Math.abs(ca.width / ca.height - cb.width / cb.height) > 0.01) {
      problem('a', item.file, 'size-mismatch', `${ca.width}×${ca.height} in A but ${cb.width}×${cb.height} in B: a pair must have the same shape`)
      continue
    }
    pairedA.push(item)
    pairedB.push(partner)
  }
  for (const item of byStem.values()) problem('b', item.file, 'unpaired', 'no file of the same name in A')
  return [pairedA, pairedB]
}

async function previews(items: Checked[]): Promise<DataSide['preview']> {
  return Promise.all(items.slice(0, PREVIEW_COUNT).map(async (item) => ({ file: item.file, dataUrl: await previewDataUrl(item.path) })))
}
