import { existsSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import type { TrainingRun } from '../../src-preload/contract'
import { tempDir } from '../helpers/temp-dir'
import { openStudio, photoFolders, stopped, TINY } from './run-fixtures'

const start = (folders: { a: string; b: string }, steps: number, sampleEvery = 2) => ({
  name: 'run', data: { mode: 'cyclegan', ...folders }, preset: 'fast', overrides: { ...TINY, steps, decayFrom: 1 }, sampleEvery, checkpointEvery: 1000
})

async function startRun(studio: ReturnType<typeof openStudio>['studio'], call: ReturnType<typeof openStudio>['call'], request: object) {
  let id: string | undefined
  const end = stopped(studio, () => id)
  const reply = await call('training:start', request)
  if (!reply.ok) throw new Error(JSON.stringify(reply.error))
  id = (reply as { value: { run: TrainingRun } }).value.run.id
  return { id, end }
}

describe('removing a run', () => {
  it('is refused while it trains; once paused, its row and folder go, models saved from it stay', async () => {
    const { studio, call } = openStudio()
    const removed: string[] = []
    studio.subscribe((event, payload) => void (event === 'training:removed' && removed.push((payload as { id: string }).id)))
    const { id, end } = await startRun(studio, call, start(photoFolders(tempDir()), 1000))
    expect(await call('training:remove', { id })).toMatchObject({ ok: false, error: { code: 'run-running' } })
    await call('training:pause', { id })
    await end
    expect(await call('training:saveModel', { id, name: 'kept' })).toMatchObject({ ok: true })
    expect(await call('training:remove', { id })).toEqual({ ok: true, value: { id } })
    expect(removed).toEqual([id])
    expect(existsSync(studio.library.runDir(id))).toBe(false)
    expect(await call('training:get', { id })).toMatchObject({ ok: false, error: { code: 'not-found' } })
    expect(await call('training:remove', { id })).toMatchObject({ ok: false, error: { code: 'not-found' } })
    expect(((await call('models:list', {})) as { value: { models: { id: string }[] } }).value.models.map((m) => m.id)).toContain('kept')
  })

  it('a folder whose row was deleted (a crash before the folder went) is swept at the next open', async () => {
    const root = join(tempDir(), 'library')
    const first = openStudio(root)
    const { id, end } = await startRun(first.studio, first.call, start(photoFolders(tempDir()), 2))
    await end
    first.studio.library.trainingRuns.remove(id)
    await first.studio.close()
    expect(existsSync(join(root, 'runs', id))).toBe(true)
    const second = openStudio(root)
    expect(existsSync(second.studio.library.runDir(id))).toBe(false)
  })

  it('a save cut short leaves a temp export that the next open sweeps; the run itself stays', async () => {
    const root = join(tempDir(), 'library')
    const first = openStudio(root)
    const { id, end } = await startRun(first.studio, first.call, start(photoFolders(tempDir()), 2))
    await end
    await first.studio.close()
    const leftover = join(root, 'runs', id, '.generator-AtoB.onnx.0123456789ab.tmp')
    writeFileSync(leftover, 'half an export')
    const second = openStudio(root)
    expect(existsSync(leftover)).toBe(false)
    expect(readdirSync(second.studio.library.runDir(id))).toContain('run.json')
  })
})

describe('sample grids', () => {
  it('only the newest 50 are kept on disk; the listing shows the latest', async () => {
    const { studio, call } = openStudio()
    const { id, end } = await startRun(studio, call, start(photoFolders(tempDir()), 56, 1))
    await end
    const samplesDir = join(studio.library.runDir(id), 'samples')
    const grids = () => readdirSync(samplesDir).filter((name) => name.endsWith('.png')).map((name) => Number(name.slice(0, -4))).sort((x, y) => x - y)
    for (let tries = 0; grids().length > 50 && tries < 100; tries++) await sleep(20)
    expect(grids()).toEqual(Array.from({ length: 50 }, (_, i) => i + 7))
    const got = await call('training:get', { id })
    expect((got as { value: { samples: { step: number }[] } }).value.samples.map((s) => s.step)).toEqual(Array.from({ length: 20 }, (_, i) => i + 37))
  })
})
