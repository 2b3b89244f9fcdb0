/**
 * One measured import, in its own process so its peak RSS is its own:
 *   node --import tsx bench/import-run.ts <photosDir> <libraryDir>
 * Opens a fresh Library in <libraryDir>, imports <photosDir> through the facade, prints one JSON line.
 */
import { Library } from '../src-main/library/library'
import { peakRssKb } from './stats'

export interface ImportRunResult {
  wallS: number
  photosPerS: number
  imported: number
  duplicates: number
  failed: number
  /** CPU time over wall time: how many of the machine's cores the import kept busy on average. */
  coresBusy: number
  firstFailure: string | null
  rssBeforeImportKb: number
  peakRssKb: number
}

const [photosDir, libraryDir] = process.argv.slice(2)
if (!photosDir || !libraryDir) throw new Error('usage: import-run.ts <photosDir> <libraryDir>')

const library = Library.open({ root: libraryDir })
const rssBeforeImportKb = process.memoryUsage().rss / 1024
const cpuBefore = process.cpuUsage()
const started = performance.now()
const report = await library.importSources([{ path: photosDir }])
const wallS = (performance.now() - started) / 1000
const cpu = process.cpuUsage(cpuBefore)
library.close()

const failure = report.failed[0]
const result: ImportRunResult = {
  wallS,
  photosPerS: report.imported.length / wallS,
  imported: report.imported.length,
  duplicates: report.duplicates.length,
  failed: report.failed.length,
  coresBusy: (cpu.user + cpu.system) / 1e6 / wallS,
  firstFailure: failure ? `${failure.name}: ${failure.reason}` : null,
  rssBeforeImportKb,
  peakRssKb: peakRssKb()
}
console.log(JSON.stringify(result))
