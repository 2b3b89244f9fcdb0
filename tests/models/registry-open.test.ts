import { existsSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { StudioError } from '../../src-main/common/studio-error'
import { tempDir } from '../helpers/temp-dir'
import { colorizerModel, rgbModel } from './model-fixtures'
import { builtInCard, builtInFolder, modelFile, openRegistry, sha256 } from './registry-fixtures'

const rejection = async (promise: Promise<unknown>): Promise<StudioError> => {
  const error = await promise.then(() => undefined, (err: unknown) => err)
  expect(error).toBeInstanceOf(StudioError)
  return error as StudioError
}

describe('opening the store after a crash or with bad cards', () => {
  it('sweeps an .onnx without a card, a card without an .onnx and temp files, and leaves other files alone', async () => {
    const first = await openRegistry()
    const { card } = await first.registry.importModel(modelFile(rgbModel(1)))
    const storeDir = first.storeDir
    const orphan = `${sha256(rgbModel(2))}.onnx`
    writeFileSync(join(storeDir, orphan), rgbModel(2))
    writeFileSync(join(storeDir, `${'a'.repeat(64)}.json`), JSON.stringify(card))
    writeFileSync(join(storeDir, `.${orphan}.0123456789ab.tmp`), 'half a model')
    writeFileSync(join(storeDir, 'README.txt'), 'mine')

    const { registry } = await openRegistry({ storeDir })

    expect(readdirSync(storeDir).sort()).toEqual([`${card.sha256}.json`, `${card.sha256}.onnx`, 'README.txt'])
    expect(registry.list()).toEqual([card])
  })

  it('skips, with a warning, cards that fail the schema, do not parse or do not match their name; keeps their files', async () => {
    const first = await openRegistry()
    const { card } = await first.registry.importModel(modelFile(rgbModel(1)))
    const storeDir = first.storeDir
    const broken = { bad: sha256(rgbModel(2)), garbled: sha256(rgbModel(3)), misnamed: sha256(rgbModel(4)) }
    for (const sha of Object.values(broken)) writeFileSync(join(storeDir, `${sha}.onnx`), 'bytes')
    writeFileSync(join(storeDir, `${broken.bad}.json`), JSON.stringify({ ...card, id: 'Bad Id', sha256: broken.bad, file: `${broken.bad}.onnx` }))
    writeFileSync(join(storeDir, `${broken.garbled}.json`), '{ "id": ')
    writeFileSync(join(storeDir, `${broken.misnamed}.json`), JSON.stringify({ ...card, id: 'other' }))

    const { registry, warnings } = await openRegistry({ storeDir })

    expect(registry.list()).toEqual([card])
    expect(readdirSync(storeDir)).toHaveLength(8)
    expect(warnings).toHaveLength(3)
    expect(warnings.find((w) => w.includes(broken.bad))).toMatch(/^skipped model card .*: id: must be a slug/)
    expect(warnings.find((w) => w.includes(broken.garbled))).toMatch(/^skipped .*JSON/)
    expect(warnings.find((w) => w.includes(broken.misnamed))).toMatch(/its sha256 and file must match its name$/)
  })
})

describe('built-in models', () => {
  it('lists valid cards from the manifest first, skipping invalid ones with a warning', async () => {
    const bytes = rgbModel(7)
    const good = builtInCard('day-to-dusk', bytes, 'styles/day-to-dusk.onnx')
    const manifestPath = builtInFolder(
      [good, { ...good, id: 'Bad!' }, builtInCard('missing-file', bytes, 'missing.onnx'), { ...builtInCard('not-built-in', bytes, 'styles/day-to-dusk.onnx'), source: 'imported' }],
      { 'styles/day-to-dusk.onnx': bytes }
    )
    const { registry, warnings } = await openRegistry({ manifestPath })
    const imported = await registry.importModel(modelFile(colorizerModel()))

    expect(registry.list()).toEqual([good, imported.card])
    expect(registry.modelPath('day-to-dusk')).toBe(join(manifestPath, '..', 'styles', 'day-to-dusk.onnx'))
    expect(warnings).toHaveLength(3)
    expect(warnings[0]).toMatch(/models\[1\]: id: must be a slug/)
    expect(warnings[1]).toMatch(/models\[2\]: its file .*missing\.onnx is missing$/)
    expect(warnings[2]).toMatch(/models\[3\]: source must be "built-in"/)
  })

  it('cannot be removed, and importing the same bytes gives the built-in back', async () => {
    const bytes = rgbModel(7)
    const card = builtInCard('day-to-dusk', bytes, 'day-to-dusk.onnx')
    const { registry } = await openRegistry({ manifestPath: builtInFolder([card], { 'day-to-dusk.onnx': bytes }) })
    expect((await rejection(registry.remove('day-to-dusk'))).code).toBe('model-built-in')
    expect(await registry.importModel(modelFile(bytes))).toEqual({ card, duplicate: true })
  })

  it('wins an id clash with a library model, which is skipped with a warning', async () => {
    const first = await openRegistry()
    const { card } = await first.registry.importModel(modelFile(colorizerModel()), { id: 'day-to-dusk' })
    const bytes = rgbModel(7)
    const builtIn = builtInCard('day-to-dusk', bytes, 'day-to-dusk.onnx')
    const { registry, warnings } = await openRegistry({ manifestPath: builtInFolder([builtIn], { 'day-to-dusk.onnx': bytes }), storeDir: first.storeDir })
    expect(registry.list()).toEqual([builtIn])
    expect(warnings).toEqual([expect.stringContaining(`skipped model "day-to-dusk" at ${join(first.storeDir, card.file)}`)])
  })

  it('warns and lists none when the manifest is missing or malformed', async () => {
    const missing = await openRegistry({ manifestPath: join(tempDir(), 'manifest.json') })
    expect(missing.registry.list()).toEqual([])
    expect(missing.warnings).toEqual([expect.stringMatching(/^no built-in models: .* does not exist$/)])
    const malformedPath = join(tempDir(), 'manifest.json')
    writeFileSync(malformedPath, JSON.stringify({ model: [] }))
    const malformed = await openRegistry({ manifestPath: malformedPath })
    expect(malformed.registry.list()).toEqual([])
    expect(malformed.warnings).toEqual([expect.stringMatching(/is malformed/)])
  })

  it('loads the shipped models/manifest.json without warnings (it lists no models yet)', async () => {
    const manifestPath = new URL('../../models/manifest.json', import.meta.url).pathname
    expect(existsSync(manifestPath)).toBe(true)
    const { registry, warnings } = await openRegistry({ manifestPath })
    expect(registry.list()).toEqual([])
    expect(warnings).toEqual([])
  })
})
