import { appendFile, readFile } from 'node:fs/promises'
import type { z } from 'zod'
import { writeFileAtomic } from '../../common/atomic-write'

/**
 * An append-only log of records with a `step`, one JSON line each. A kill can leave a torn last line, and lines
 * past the checkpoint a run resumes from; readers skip the first and `keepUpTo` drops the second.
 */
export class JsonLines<T extends { step: number }> {
  constructor(
    readonly path: string,
    private readonly schema: z.ZodType<T>
  ) {}

  async append(record: T): Promise<void> {
    await appendFile(this.path, `${JSON.stringify(record)}\n`)
  }

  async read(): Promise<T[]> {
    const text = await readFile(this.path, 'utf8').catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return ''
      throw err
    })
    return text.split('\n').flatMap((line) => {
      if (!line) return []
      try {
        const parsed = this.schema.safeParse(JSON.parse(line))
        return parsed.success ? [parsed.data] : []
      } catch {
        return []
      }
    })
  }

  /** Rewrites the log without records after `step` (and without torn lines). */
  async keepUpTo(step: number): Promise<T[]> {
    const kept = (await this.read()).filter((record) => record.step <= step)
    await writeFileAtomic(this.path, Buffer.from(kept.map((record) => `${JSON.stringify(record)}\n`).join('')))
    return kept
  }
}
