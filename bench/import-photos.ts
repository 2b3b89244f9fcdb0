/**
 * Import of 200 photos of ~12 MP through the Library facade: photos/second and peak RSS.
 *   npm run bench:import            (RUNS=5 npm run bench:import for more runs)
 * Each run is a fresh child process (bench/import-run.ts) on a fresh library, so its peak RSS is its own.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { importPhaseTimes } from './import-phases'
import type { ImportRunResult } from './import-run'
import { fixed, loadLine, machineLine, median, megabytes, saveResults } from './stats'
import { PHOTO_HEIGHT, PHOTO_WIDTH, twelveMegapixelPhotos } from './twelve-megapixel-photos'

const PHOTO_COUNT = 200
const RUNS = Number(process.env.RUNS ?? 3)
const PHASE_SAMPLES = 5
const repoRoot = join(import.meta.dirname, '..')

function importInChildProcess(photosDir: string): Promise<ImportRunResult> {
  const libraryDir = mkdtempSync(join(tmpdir(), 'gan-bench-import-'))
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'import-run.ts'), photosDir, libraryDir], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'inherit']
  })
  let stdout = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  return new Promise<ImportRunResult>((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', (code) => {
      if (code === 0) resolve(JSON.parse(stdout.trim().split('\n').at(-1)!) as ImportRunResult)
      else reject(new Error(`import run exited with ${code}:\n${stdout}`))
    })
  }).finally(() => rmSync(libraryDir, { recursive: true, force: true }))
}

const photos = await twelveMegapixelPhotos(join(import.meta.dirname, '.cache', 'photos-12mp'), PHOTO_COUNT)
const megapixels = (PHOTO_WIDTH * PHOTO_HEIGHT) / 1e6
const totalBytes = photos.files.reduce((sum, file) => sum + statSync(file).size, 0)
console.log(`machine: ${machineLine()}; ${loadLine()}`)
console.log(
  `photos: ${PHOTO_COUNT} distinct JPEGs ${PHOTO_WIDTH}×${PHOTO_HEIGHT} (${fixed(megapixels)} MP), ${fixed(totalBytes / PHOTO_COUNT / 1024 ** 2, 2)} MB each on average, in ${photos.dir} ` +
    (photos.generatedInS === null ? '(cached)' : `(generated in ${fixed(photos.generatedInS)} s)`)
)

const runs: ImportRunResult[] = []
for (let run = 1; run <= RUNS; run++) {
  const result = await importInChildProcess(photos.dir)
  runs.push(result)
  console.log(
    `run ${run}: ${fixed(result.wallS)} s, ${fixed(result.photosPerS, 2)} photos/s, imported ${result.imported}, duplicates ${result.duplicates}, failed ${result.failed}, ${fixed(result.coresBusy)} cores busy` +
      `${result.firstFailure ? ` (first: ${result.firstFailure})` : ''}, RSS ${megabytes(result.rssBeforeImportKb)} before import, peak ${megabytes(result.peakRssKb)}`
  )
}

const phases = await importPhaseTimes(photos.files.slice(0, PHASE_SAMPLES))
const perPhotoMs = 1000 / median(runs.map((r) => r.photosPerS))
const phaseSumMs = Object.values(phases).reduce((a, b) => a + b, 0)
console.log(
  `one photo, step by step (median of ${PHASE_SAMPLES}, same functions importFile calls): copy into the library while hashing (fsync) ${fixed(phases.copyHashMs)} ms, ` +
    `header + thumbnail (the one decode, proves the file whole) ${fixed(phases.inspectMs)} ms, write thumb + move original into place (fsync) ${fixed(phases.writeMs)} ms; ` +
    `sum ${fixed(phaseSumMs)} ms vs ${fixed(perPhotoMs)} ms per photo in the import`
)

const maxPeakRssKb = Math.max(...runs.map((r) => r.peakRssKb))
const summary =
  `import: ${PHOTO_COUNT} photos of ${fixed(megapixels)} MP, median ${fixed(median(runs.map((r) => r.photosPerS)), 2)} photos/s ` +
  `(wall ${fixed(median(runs.map((r) => r.wallS)))} s), peak RSS ${megabytes(maxPeakRssKb)} (${RUNS} runs)`
const saved = saveResults('import-photos', { photoCount: PHOTO_COUNT, megapixels, totalBytes, runs, phases, summary })
console.log(`\n=== figures ===\n${summary}\n(raw figures: ${saved})`)
