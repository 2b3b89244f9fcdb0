import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { writeFileAtomic } from '../src-main/common/atomic-write'
import { inspectWithThumbnail } from '../src-main/imaging'
import { median } from './stats'

export interface PhaseTimes {
  readMs: number
  sha256Ms: number
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
      const bytes = await readFile(file)
      const readMs = lap()
      createHash('sha256').update(bytes).digest('hex')
      const sha256Ms = lap()
      const { thumbnail } = await inspectWithThumbnail(bytes)
      const inspectMs = lap()
      await writeFileAtomic(join(scratch, `${index}.jpg`), bytes)
      await writeFileAtomic(join(scratch, `${index}.webp`), thumbnail)
      samples.push({ readMs, sha256Ms, inspectMs, writeMs: lap() })
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
  const phase = (key: keyof PhaseTimes): number => median(samples.map((s) => s[key]))
  return { readMs: phase('readMs'), sha256Ms: phase('sha256Ms'), inspectMs: phase('inspectMs'), writeMs: phase('writeMs') }
}
