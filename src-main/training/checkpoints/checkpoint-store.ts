import { mkdir, readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { CheckpointError, readCheckpoint, writeCheckpoint, type CheckpointContents } from './checkpoint-file'

const CHECKPOINT_FILE = /^step-(0|[1-9]\d{0,11})\.ckpt$/
const TEMP_FILE = /^\..*\.tmp$/
/** The newest and the one before it: if the newest is ever found damaged, the run falls back one checkpoint. */
const KEPT = 2

export interface LoadedCheckpoint extends CheckpointContents {
  step: number
  path: string
}

/** A run's checkpoints, `<dir>/step-<n>.ckpt`, each written whole or not at all. */
export class CheckpointStore {
  constructor(readonly dir: string) {}

  /** Writes the step's checkpoint, then drops all but the newest KEPT. */
  async save(step: number, contents: CheckpointContents): Promise<string> {
    await mkdir(this.dir, { recursive: true })
    const path = join(this.dir, `step-${step}.ckpt`)
    await writeCheckpoint(path, contents)
    for (const old of (await this.steps()).slice(KEPT)) await rm(join(this.dir, `step-${old}.ckpt`), { force: true })
    return path
  }

  /** Steps with a checkpoint file, newest first. */
  async steps(): Promise<number[]> {
    const names = await readdir(this.dir).catch(() => [] as string[])
    return names.flatMap((name) => CHECKPOINT_FILE.exec(name)?.[1] ?? []).map(Number).sort((a, b) => b - a)
  }

  /**
   * The newest checkpoint that reads back whole, or undefined when there is none. Damaged ones are reported
   * through `warn` and passed over (kept on disk for a person to look at).
   */
  async latest(warn: (message: string) => void = console.warn): Promise<LoadedCheckpoint | undefined> {
    for (const step of await this.steps()) {
      const path = join(this.dir, `step-${step}.ckpt`)
      try {
        return { ...(await readCheckpoint(path)), step, path }
      } catch (err) {
        if (!(err instanceof CheckpointError)) throw err
        warn(`skipped a damaged checkpoint: ${err.message}`)
      }
    }
    return undefined
  }

  /** Removes temp files a kill left mid-write. */
  async sweep(): Promise<void> {
    for (const name of await readdir(this.dir).catch(() => [] as string[])) if (TEMP_FILE.test(name)) await rm(join(this.dir, name), { force: true })
  }
}
