import { existsSync, readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ModelCard, TrainingRun } from '../../src-preload/contract'
import { createDispatcher } from '../../src-main/contract-dispatch'
import { createStudio } from '../../src-main/studio'
import { afterTest, tempDir } from '../helpers/temp-dir'
import { photoFolders, stopped, TINY } from './run-fixtures'

async function trainedRun() {
  const studio = createStudio({ libraryRoot: join(tempDir(), 'library'), door: 'cli' })
  afterTest(() => void studio.close())
  const call = createDispatcher(studio.handlers)
  const folders = photoFolders(tempDir())
  let id: string | undefined
  const done = stopped(studio, () => id)
  const reply = await call('training:start', { name: 'saved', data: { mode: 'cyclegan', ...folders }, preset: 'fast', overrides: { ...TINY, steps: 2, decayFrom: 1 } })
  id = (reply as { value: { run: TrainingRun } }).value.run.id
  await done
  return { studio, call, id, folders }
}

describe('saving a run as a model', () => {
  it('two saves of the same run at once both succeed, and leave no export file behind', async () => {
    const { studio, call, id } = await trainedRun()
    const replies = await Promise.all([call('training:saveModel', { id, name: 'one' }), call('training:saveModel', { id, direction: 'BtoA', name: 'two' }), call('training:saveModel', { id, name: 'three' })])
    expect(replies.map((r) => r.ok)).toEqual([true, true, true])
    const [first, two, again] = replies.map((r) => (r as { value: { model: ModelCard } }).value.model)
    expect(two!.id).toBe('two')
    // The same A→B weights twice: whichever save the registry installs first, the other gets that model back.
    expect(['one', 'three']).toContain(first!.id)
    expect(again!.id).toBe(first!.id)
    expect(studio.library.trainingRuns.get(id).modelIds.sort()).toEqual([first!.id, 'two'].sort())
    expect(readdirSync(studio.library.runDir(id)).filter((name) => name.endsWith('.onnx') || name.endsWith('.tmp'))).toEqual([])
  })

  it('a saved model names its photo folders by base name only, never where they lie on this machine', async () => {
    const { call, id, folders } = await trainedRun()
    const reply = await call('training:saveModel', { id, name: 'shared' })
    const { model } = (reply as { value: { model: ModelCard } }).value
    expect(model.credits.slice(0, 2).map((c) => c.source)).toEqual(['day', 'night'])
    expect(model.notes).toMatch(/4 photos from day and 2 photos from night\./)
    expect(model.training).toMatchObject({ data: { a: 'day', b: 'night', countA: 4, countB: 2 } })
    expect(JSON.stringify(model)).not.toContain(dirname(folders.a))
  })

  it('close waits for a save under way before the library closes', async () => {
    const { studio, call, id } = await trainedRun()
    const saving = call('training:saveModel', { id, name: 'late' })
    await new Promise((resolve) => setTimeout(resolve, 50))
    await studio.close()
    expect(await saving).toMatchObject({ ok: true, value: { model: { id: 'late' } } })
    expect(existsSync(studio.library.runDir(id))).toBe(true)
  })
})
