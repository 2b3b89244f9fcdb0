import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterEach, describe, expect, it } from 'vitest'
import type { EventName, JobState } from '../../src-preload/contract'
import { createDispatcher, type Dispatch } from '../../src-main/contract-dispatch'
import { createStudio, type Studio } from '../../src-main/studio'
import { tempDir } from '../helpers/temp-dir'
import { rgb16, rgb16Png, sidewaysJpeg } from '../imaging/fixtures'
import { filesUnder, sha256Of } from '../library/fixtures'
import { PHOTO, rgbModel } from '../models/model-fixtures'

let studio: Studio | undefined
afterEach(async () => studio?.close())

interface Setup {
  dir: string
  root: string
  dispatch: Dispatch
  events: Array<[EventName, unknown]>
  /** Imports a file into the library and returns its image id. */
  addImage(path: string): Promise<number>
  /** Resolves with the job's final state. */
  finished(jobId: string): Promise<JobState>
}

/** A studio with one imported rgb model, 'style', installed through the contract as a user would. */
async function setUp(): Promise<Setup> {
  const dir = tempDir()
  const root = join(dir, 'library')
  const opened = (studio = createStudio({ libraryRoot: root, door: 'cli' }))
  const dispatch = createDispatcher(opened.handlers)
  const events: Array<[EventName, unknown]> = []
  const waiting = new Map<string, (state: JobState) => void>()
  opened.subscribe((event, payload) => {
    events.push([event, payload])
    if (event === 'jobs:finished') waiting.get((payload as JobState).jobId)?.(payload as JobState)
  })
  writeFileSync(join(dir, 'style.onnx'), rgbModel())
  expect(await dispatch('models:import', { path: join(dir, 'style.onnx'), id: 'style' })).toMatchObject({ ok: true })
  return {
    dir,
    root,
    dispatch,
    events,
    async addImage(path) {
      const report = await opened.library.importSources([{ path }])
      return report.imported[0]?.id ?? report.duplicates[0]!.existingId
    },
    finished: (jobId) =>
      new Promise((resolve) => {
        const done = events.find(([event, state]) => event === 'jobs:finished' && (state as JobState).jobId === jobId)
        if (done) resolve(done[1] as JobState)
        else waiting.set(jobId, resolve)
      })
  }
}

async function startApply(setup: Setup, request: Record<string, unknown>): Promise<string> {
  const reply = await setup.dispatch('inference:apply', { modelId: 'style', provider: 'cpu', ...request })
  expect(reply).toMatchObject({ ok: true })
  return (reply as { value: { jobId: string } }).value.jobId
}

describe('inference:apply through the contract', () => {
  it('stores the result as a new version, reports progress, and leaves the original untouched', async () => {
    const setup = await setUp()
    const imageId = await setup.addImage(PHOTO)
    const original = studio!.library.versions.originalFile(imageId)
    const originalSha = sha256Of(original)

    const jobId = await startApply(setup, { imageId, strength: 0.5, workingSize: 256 })
    const state = await setup.finished(jobId)

    expect(state).toMatchObject({ kind: 'apply', status: 'done', result: { provider: 'cpu', version: { imageId, modelId: 'style', format: 'png' } } })
    const version = state.result!.version
    expect(version.params).toEqual({ strength: 0.5, workingSize: 256, provider: 'cpu' })
    expect(Math.max(version.width, version.height)).toBe(256)
    const progress = setup.events.filter(([event, s]) => event === 'jobs:progress' && (s as JobState).jobId === jobId).map(([, s]) => s as JobState)
    expect(progress.some((s) => s.total > 0 && s.done === s.total)).toBe(true)
    expect(setup.events.some(([event, payload]) => event === 'library:changed' && (payload as { reason: string }).reason === 'versions')).toBe(true)
    expect(sha256Of(original)).toBe(originalSha)
    const file = studio!.library.versions.file(version.id)
    expect(sha256Of(file)).toBe(version.sha256)
    expect(file).toBe(join(setup.root, 'versions', version.sha256.slice(0, 2), `${version.sha256}.png`))
    expect(await setup.dispatch('library:versions', { imageId })).toEqual({ ok: true, value: { versions: [version] } })
    const target = join(setup.dir, 'result.webp')
    expect(await setup.dispatch('library:export', { imageId, versionId: version.id, targetPath: target, format: 'webp', quality: 90 })).toEqual({ ok: true, value: { path: target } })
    expect(await sharp(target).metadata()).toMatchObject({ format: 'webp', width: version.width, height: version.height })
    expect(await setup.dispatch('library:export', { imageId, targetPath: target, format: 'gif' })).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
  })

  it('applies to the upright image and keeps 16 bits', async () => {
    const setup = await setUp()
    writeFileSync(join(setup.dir, 'sideways.jpg'), await sidewaysJpeg())
    writeFileSync(join(setup.dir, 'deep.png'), await rgb16Png(rgb16(48, 32)))
    const uprightJob = await startApply(setup, { imageId: await setup.addImage(join(setup.dir, 'sideways.jpg')) })
    const deepJob = await startApply(setup, { imageId: await setup.addImage(join(setup.dir, 'deep.png')) })

    const upright = (await setup.finished(uprightJob)).result!.version
    const deep = (await setup.finished(deepJob)).result!.version

    expect([upright.width, upright.height]).toEqual([40, 60])
    const meta = await sharp(studio!.library.versions.file(deep.id)).metadata()
    expect(meta).toMatchObject({ format: 'png', width: 48, height: 32, depth: 'ushort' })
  })

  it('cancels mid-run, storing neither a version nor a file', async () => {
    const setup = await setUp()
    const large = join(setup.dir, 'large.png')
    await sharp(PHOTO).resize(1200, 1600).png().toFile(large)
    const imageId = await setup.addImage(large)
    let jobId = ''
    let cancelled = false
    studio!.subscribe((event, payload) => {
      const state = payload as JobState
      if (event === 'jobs:progress' && state.jobId === jobId && state.total > 0 && !cancelled) {
        cancelled = true
        void setup.dispatch('jobs:cancel', { jobId })
      }
    })

    jobId = await startApply(setup, { imageId })
    const state = await setup.finished(jobId)

    expect(cancelled).toBe(true)
    expect(state).toMatchObject({ status: 'cancelled' })
    expect(state.result).toBeUndefined()
    expect(studio!.library.versions.list(imageId)).toEqual([])
    expect(filesUnder(join(setup.root, 'versions'))).toEqual([])
  })

  it('applies within a painted mask, records the mask, and shows the version as a pyramid', async () => {
    const setup = await setUp()
    const imageId = await setup.addImage(PHOTO)
    const mask = { strokes: [{ mode: 'paint', radius: 40, points: [60, 100, 120, 300] }, { mode: 'erase', radius: 30, points: [90, 200] }], feather: 6 }
    const state = await setup.finished(await startApply(setup, { imageId, mask }))
    const version = state.result!.version
    expect(version.params).toEqual({ provider: 'cpu', mask: { strokes: 2, points: 3, feather: 6, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) } })
    const [before, after] = await Promise.all(
      [studio!.library.versions.originalFile(imageId), studio!.library.versions.file(version.id)].map((file) => sharp(file).raw().toBuffer())
    )
    const width = version.width
    const changed = (x: number, y: number) => [0, 1, 2].some((c) => before![(y * width + x) * 3 + c] !== after![(y * width + x) * 3 + c])
    expect(changed(5, 5)).toBe(false)
    expect(changed(width - 5, 500)).toBe(false)
    expect([changed(70, 130), changed(110, 270)]).toEqual([true, true])
    expect(changed(90, 200)).toBe(false)

    const zoom = await setup.dispatch('library:deepZoom', { id: imageId, versionId: version.id })
    expect(zoom).toMatchObject({ ok: true, value: { width: version.width, height: version.height } })
    expect(await setup.dispatch('library:deepZoom', { id: imageId, versionId: 0 })).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
    const apply = (request: Record<string, unknown>) => setup.dispatch('inference:apply', { imageId, modelId: 'style', ...request })
    expect(await apply({ mask: { strokes: [{ mode: 'paint', radius: 4, points: [1, 2, 3] }], feather: 0 } })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request', message: expect.stringContaining('x, y pairs') }
    })
    expect(await apply({ mask: { strokes: [{ mode: 'smudge', radius: 4, points: [1, 2] }], feather: 0 } })).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
  })

  it('refuses invalid requests with specific errors', async () => {
    const setup = await setUp()
    const imageId = await setup.addImage(PHOTO)
    const apply = (request: Record<string, unknown>) => setup.dispatch('inference:apply', { imageId, modelId: 'style', ...request })

    expect(await apply({ strength: 2 })).toMatchObject({ ok: false, error: { code: 'invalid-request', message: expect.stringContaining('strength') } })
    expect(await apply({ renderSize: 0 })).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
    expect(await apply({ provider: 'tpu' })).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
    expect(await apply({ modelId: 'no-such-model' })).toMatchObject({ ok: false, error: { code: 'not-found', message: expect.stringContaining('no-such-model') } })
    expect(await apply({ imageId: 9999 })).toMatchObject({ ok: false, error: { code: 'not-found', message: expect.stringContaining('9999') } })
    expect(await setup.dispatch('library:versions', { imageId: 9999 })).toMatchObject({ ok: false, error: { code: 'not-found' } })
    expect(setup.events.some(([event]) => event === 'jobs:progress')).toBe(false)
  })
})
