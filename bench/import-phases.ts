import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { moveIntoPlace, writeFileAtomic } from '../src-main/common/atomic-write'
import { inspectWithThumbnail } from '../src-main/imaging'
import { copyAndHash } from '../src-main/library/copy-and-hash'
import { median } from './stats'

export interface PhaseTimes {
  copyHashMs: number
  inspectMs: number
  writeMs: number
}

/**
 * The steps `importFile` (src-main/library/import-sources.ts) takes for one photo, timed one by one with
 * the same functions it calls; medians over `files`. The database row is left out (well under a millisecond).
 */
export async function importPhaseTimes(files: string[]): Promise<PhaseTimes> {
  const scratch = mkdtempSync(join(tmpdir(), 'gan-bench-phases-'))
  const samples: PhaseTimes[] = []
  try {
    for (const [index, file] of files.entries()) {
      let mark = performance.now()
      const lap = (): number => -mark + (mark = performance.now())
      const copy = join(scratch, `incoming-${index}.tmp`)
      await copyAndHash(file, copy)
      const copyHashMs = lap()
      const { thumbnail } = await inspectWithThumbnail(copy)
      const inspectMs = lap()
      await writeFileAtomic(join(scratch, `${index}.webp`), thumbnail)
      await moveIntoPlace(copy, join(scratch, `${index}.jpg`))
      samples.push({ copyHashMs, inspectMs, writeMs: lap() })
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
  const phase = (key: keyof PhaseTimes): number => median(samples.map((s) => s[key]))
  return { copyHashMs: phase('copyHashMs'), inspectMs: phase('inspectMs'), writeMs: phase('writeMs') }
}
