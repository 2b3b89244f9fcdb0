import { copyFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { TrainingRun } from '../../src-preload/contract'
import { tempDir } from '../helpers/temp-dir'
import { writeTruncatedJpeg } from './data-fixtures'
import { openStudio, photoFolders, stopped, TINY } from './run-fixtures'

const INSPECT = (folders: { a: string; b: string }) => ({ data: { mode: 'cyclegan', ...folders }, preset: 'fast', size: TINY.size })

async function startAndFinish(studio: ReturnType<typeof openStudio>['studio'], call: ReturnType<typeof openStudio>['call'], folders: { a: string; b: string }): Promise<TrainingRun> {
  let id: string | undefined
  const end = stopped(studio, () => id)
  const reply = await call('training:start', { name: 'x', data: { mode: 'cyclegan', ...folders }, preset: 'fast', overrides: { ...TINY, steps: 1, decayFrom: 1 } })
  if (!reply.ok) throw new Error(JSON.stringify(reply.error))
  id = (reply as { value: { run: TrainingRun } }).value.run.id
  return end
}

describe('checking training folders', () => {
  it('a second check aborts the one under way', async () => {
    const { call } = openStudio()
    const folders = photoFolders(tempDir())
    const [first, second] = await Promise.all([call('training:inspect', INSPECT(folders)), call('training:inspect', INSPECT(folders))])
    expect(first).toMatchObject({ ok: false, error: { code: 'cancelled' } })
    expect(second).toMatchObject({ ok: true, value: { a: { usable: 4 }, b: { usable: 2 }, errors: [] } })
  })

  it('start reuses the last check of the same folders while its files are unchanged, and checks again when one changed', async () => {
    const { studio, call } = openStudio()
    const folders = photoFolders(tempDir())
    const [photo] = readdirSync(folders.a)
    expect(await call('training:inspect', INSPECT(folders))).toMatchObject({ ok: true, value: { a: { usable: 4 } } })
    // A photo added after the check: the run trains on what the check showed.
    copyFileSync(join(folders.a, photo!), join(folders.a, 'added-later.jpg'))
    expect((await startAndFinish(studio, call, folders)).data.countA).toBe(4)

    expect(await call('training:inspect', INSPECT(folders))).toMatchObject({ ok: true, value: { a: { usable: 5 } } })
    // A checked photo damaged since: the check is not trusted, the folders are read again.
    writeTruncatedJpeg(join(folders.a, photo!))
    expect((await startAndFinish(studio, call, folders)).data.countA).toBe(4)
  })
})
