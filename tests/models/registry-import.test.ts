import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { StudioError } from '../../src-main/common/studio-error'
import { ModelCard } from '../../src-preload/model-card'
import { tempDir } from '../helpers/temp-dir'
import { colorizerModel, PHOTO, rgbModel, threeToOneModel } from './model-fixtures'
import { modelFile, openRegistry, sha256 } from './registry-fixtures'

const rejection = async (promise: Promise<unknown>): Promise<StudioError> => {
  const error = await promise.then(() => undefined, (err: unknown) => err)
  expect(error).toBeInstanceOf(StudioError)
  return error as StudioError
}

describe('importing a model', () => {
  it('validates, stores <sha256>.onnx and its card, lists, gets, exports byte-identical and removes it', async () => {
    const { registry, storeDir, warnings } = await openRegistry()
    const bytes = rgbModel()
    const sha = sha256(bytes)

    const { card, duplicate } = await registry.importModel(modelFile(bytes, 'Night GAN (v2).onnx'))

    expect(duplicate).toBe(false)
    expect(card).toMatchObject({
      id: 'night-gan-v2',
      name: 'Night GAN (v2)',
      task: 'custom',
      pipeline: 'rgb',
      input: { name: 'input', channels: 3, colourSpace: 'rgb', normalisation: 'tanh' },
      output: { name: 'output', channels: 3, colourSpace: 'rgb', normalisation: 'tanh' },
      sizeMultiple: 4,
      file: `${sha}.onnx`,
      sha256: sha,
      opset: 17,
      source: 'imported',
      credits: []
    })
    expect(readdirSync(storeDir).sort()).toEqual([`${sha}.json`, `${sha}.onnx`])
    expect(readFileSync(join(storeDir, `${sha}.onnx`))).toEqual(Buffer.from(bytes))
    expect(ModelCard.parse(JSON.parse(readFileSync(join(storeDir, `${sha}.json`), 'utf8')))).toEqual(card)
    expect(registry.list()).toEqual([card])
    expect(registry.get('night-gan-v2')).toEqual(card)
    expect(registry.modelPath('night-gan-v2')).toBe(join(storeDir, `${sha}.onnx`))

    const target = join(tempDir(), 'exported.onnx')
    writeFileSync(target, 'an older file, replaced')
    await registry.exportModel('night-gan-v2', target)
    expect(readFileSync(target)).toEqual(Buffer.from(bytes))
    expect(readdirSync(join(target, '..'))).toEqual(['exported.onnx'])

    await registry.remove('night-gan-v2')
    expect(registry.list()).toEqual([])
    expect(readdirSync(storeDir)).toEqual([])
    expect((await rejection(Promise.resolve().then(() => registry.get('night-gan-v2')))).code).toBe('not-found')
    expect(warnings).toEqual([])
  })

  it('infers a lab-chroma colorizer from 1 → 2 channels and defaults the size multiple to 256', async () => {
    const { registry } = await openRegistry()
    const { card } = await registry.importModel(modelFile(colorizerModel(), 'colorizer.onnx'))
    expect(card).toMatchObject({
      id: 'colorizer',
      task: 'colorize',
      pipeline: 'lab-chroma',
      input: { channels: 1, colourSpace: 'L' },
      output: { channels: 2, colourSpace: 'ab' },
      sizeMultiple: 256
    })
  })

  it('keeps what the user says: id, name, task, licence, size multiple, normalisation', async () => {
    const { registry } = await openRegistry()
    const options = { id: 'my-style', name: 'My style', task: 'style', licence: 'MIT', sizeMultiple: 8, normalisation: 'unit' } as const
    const { card } = await registry.importModel(modelFile(rgbModel()), options)
    expect(card).toMatchObject({ id: 'my-style', name: 'My style', task: 'style', licence: 'MIT', sizeMultiple: 8, input: { normalisation: 'unit' } })
  })

  it('gives back the existing card for the same bytes, even imported at once', async () => {
    const { registry, storeDir } = await openRegistry()
    const bytes = rgbModel()
    const [first, second] = await Promise.all([registry.importModel(modelFile(bytes, 'a.onnx')), registry.importModel(modelFile(bytes, 'b.onnx'))])
    expect([first.duplicate, second.duplicate]).toEqual([false, true])
    expect(second.card).toEqual(first.card)
    expect(readdirSync(storeDir)).toHaveLength(2)
  })

  it('refuses a requested id that is taken, and numbers a derived one', async () => {
    const { registry } = await openRegistry()
    await registry.importModel(modelFile(rgbModel(1), 'gen.onnx'))
    expect((await registry.importModel(modelFile(rgbModel(2), 'gen.onnx'))).card.id).toBe('gen-2')
    const error = await rejection(registry.importModel(modelFile(rgbModel(3)), { id: 'gen' }))
    expect(error.code).toBe('model-id-taken')
    expect(error.message).toBe('a model with id "gen" already exists; choose another id')
    expect((await rejection(registry.importModel(modelFile(rgbModel(3)), { id: 'Not A Slug' }))).code).toBe('invalid-request')
  })

  it('writes nothing for a file it refuses', async () => {
    const { registry, storeDir } = await openRegistry()
    expect((await rejection(registry.importModel(modelFile(readFileSync(PHOTO), 'photo.onnx')))).message).toBe('not an ONNX model (it is a JPEG image)')
    expect((await rejection(registry.importModel(modelFile(threeToOneModel())))).message).toBe('1 output channel, but an RGB model must output 3 (R, G and B)')
    expect((await rejection(registry.importModel(modelFile(rgbModel()), { pipeline: 'lab-chroma' }))).code).toBe('model-channels')
    expect((await rejection(registry.importModel(join(tempDir(), 'missing.onnx')))).code).toBe('not-found')
    const badOption = await rejection(registry.importModel(modelFile(rgbModel()), { sizeMultiple: 0 }))
    expect(badOption.message).toBe('cannot import the model with these options: sizeMultiple: Too small: expected number to be >=1')
    expect(readdirSync(storeDir)).toEqual([])
    expect(registry.list()).toEqual([])
  })

  it('finds its models again when reopened', async () => {
    const first = await openRegistry()
    const { card } = await first.registry.importModel(modelFile(colorizerModel()))
    const { registry, warnings } = await openRegistry({ storeDir: first.storeDir })
    expect(registry.list()).toEqual([card])
    expect(warnings).toEqual([])
  })
})

