import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createDispatcher } from '../../src-main/contract-dispatch'
import { resnetGenerator, seededWeights } from '../../src-main/onnx'
import { createStudio, type Studio } from '../../src-main/studio'
import { tempDir } from '../helpers/temp-dir'

let studio: Studio | undefined
afterEach(async () => studio?.close())

describe('models:* through the contract', () => {
  it('imports, lists, exports and removes a model, announcing each change', async () => {
    const dir = tempDir()
    studio = createStudio({ libraryRoot: join(dir, 'library'), door: 'cli' })
    const dispatch = createDispatcher(studio.handlers)
    const changes: string[] = []
    studio.subscribe((event, payload) => event === 'models:changed' && changes.push((payload as { reason: string }).reason))
    const file = join(dir, 'style.onnx')
    writeFileSync(file, resnetGenerator({ inChannels: 3, outChannels: 3, ngf: 8, nBlocks: 1, upsampling: 'transpose', weights: seededWeights(1) }).bytes)

    const imported = await dispatch('models:import', { path: file, task: 'style' })
    expect(imported).toMatchObject({ ok: true, value: { duplicate: false, model: { id: 'style', pipeline: 'rgb', source: 'imported' } } })
    expect(await dispatch('models:list', {})).toMatchObject({ ok: true, value: { models: [{ id: 'style' }] } })
    expect(await dispatch('models:export', { id: 'style', targetPath: join(dir, 'out.onnx') })).toMatchObject({ ok: true })
    expect(await dispatch('models:export', { id: 'style', targetPath: join(dir, 'out.onnx') })).toMatchObject({ ok: false, error: { code: 'exists' } })
    expect(await dispatch('models:export', { id: 'style', targetPath: join(dir, 'out.onnx'), overwrite: true })).toMatchObject({ ok: true })
    expect(await dispatch('models:export', { id: 'style', targetPath: join(dir, 'library', 'library.sqlite'), overwrite: true })).toMatchObject({ ok: false, error: { code: 'invalid-target' } })
    expect(await dispatch('models:remove', { id: 'style' })).toEqual({ ok: true, value: { removed: true } })
    expect(changes).toEqual(['import', 'remove'])
  })

  it('refuses bad requests and bad files with specific errors', async () => {
    const dir = tempDir()
    studio = createStudio({ libraryRoot: join(dir, 'library'), door: 'cli' })
    const dispatch = createDispatcher(studio.handlers)
    writeFileSync(join(dir, 'notes.onnx'), 'hello')
    expect(await dispatch('models:import', { path: join(dir, 'notes.onnx') })).toMatchObject({ ok: false, error: { code: 'model-not-onnx' } })
    expect(await dispatch('models:import', { path: join(dir, 'x.onnx'), task: 'banana' })).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
    expect(await dispatch('models:remove', { id: '../etc' })).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
  })

  it('deletes an upload staged in the library once imported or refused, and never the user\'s own file', async () => {
    const dir = tempDir()
    studio = createStudio({ libraryRoot: join(dir, 'library'), door: 'bridge' })
    const dispatch = createDispatcher(studio.handlers)
    const bytes = resnetGenerator({ inChannels: 3, outChannels: 3, ngf: 8, nBlocks: 1, upsampling: 'transpose', weights: seededWeights(2) }).bytes
    const staged = studio.library.stagingPath()
    writeFileSync(staged, bytes)
    expect(await dispatch('models:import', { path: staged, name: 'Pencil sketch' })).toMatchObject({ ok: true, value: { model: { id: 'pencil-sketch', name: 'Pencil sketch' } } })
    expect(existsSync(staged)).toBe(false)

    const stagedJunk = studio.library.stagingPath()
    writeFileSync(stagedJunk, 'not a model')
    expect(await dispatch('models:import', { path: stagedJunk })).toMatchObject({ ok: false, error: { code: 'model-not-onnx' } })
    expect(existsSync(stagedJunk)).toBe(false)

    const own = join(dir, 'mine.onnx')
    writeFileSync(own, bytes)
    expect(await dispatch('models:import', { path: own })).toMatchObject({ ok: true, value: { duplicate: true } })
    expect(existsSync(own)).toBe(true)
  })
})
