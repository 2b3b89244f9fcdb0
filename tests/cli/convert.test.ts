import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { builtInModelsManifest } from '../../src-main/common/paths'
import { ModelRegistry } from '../../src-main/models'
import { colorizerModel, rgbModel } from '../models/model-fixtures'

const ROOT = new URL('../../', import.meta.url).pathname
const PHOTO = new URL('../fixtures/photos/gcompris--fish28.jpg', import.meta.url).pathname

let dir: string
let library: string
let input: string

interface Run {
  code: number
  stdout: string
  stderr: string
}

/** `gan-studio --library <library> ...args` in a child process, as a user runs it. */
async function cli(...args: string[]): Promise<Run> {
  try {
    const { stdout, stderr } = await promisify(execFile)('npx', ['tsx', 'src-main/cli/index.ts', '--library', library, ...args], { cwd: ROOT })
    return { code: 0, stdout, stderr }
  } catch (err) {
    const failure = err as { code: number; stdout: string; stderr: string }
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr }
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gan-studio-convert-'))
  library = join(dir, 'library')
  input = join(dir, 'fish.jpg')
  // Stored sideways with EXIF orientation 6 (shown 204×320), and a copyright the output must keep.
  await sharp(PHOTO).withMetadata({ orientation: 6 }).withExifMerge({ IFD0: { Copyright: 'Test Copyright' } }).jpeg().toFile(input)
  const registry = await ModelRegistry.open({ manifestPath: builtInModelsManifest(), storeDir: join(library, 'models'), warn: () => undefined })
  for (const [id, bytes, sizeMultiple] of [['tiny-colorizer', colorizerModel(5), 8], ['tiny-style', rgbModel(2), undefined]] as const) {
    writeFileSync(join(dir, `${id}.onnx`), bytes)
    await registry.importModel(join(dir, `${id}.onnx`), { id, sizeMultiple })
  }
})

afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('gan-studio convert', () => {
  it('applies a style model upright, writes the format the extension names with the EXIF kept, saying where it ran', async () => {
    const output = join(dir, 'styled.webp')
    const run = await cli('convert', '--model', 'tiny-style', input, '-o', output, '--quality', '80', '--provider', 'webgpu')
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toMatch(/Wrote .*styled\.webp \(204×320 webp\) in \d+\.\d\d s; .*webgpu: .*running on /)
    const meta = await sharp(output).metadata()
    expect([meta.format, meta.width, meta.height, meta.orientation ?? 1]).toEqual(['webp', 204, 320, 1])
    expect(meta.exif?.includes('Test Copyright')).toBe(true)
  })

  it('colorizes into the format --format names, at the working size', async () => {
    const output = join(dir, 'colour.out')
    const run = await cli('convert', '--model', 'tiny-colorizer', '--render-size', '128', '--working-size', '160', '--format', 'png', input, '-o', output)
    expect(run.code).toBe(0)
    const meta = await sharp(output).metadata()
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 102, 160])
  })

  it('refuses to write over its input, and leaves it as it was', async () => {
    const before = readFileSync(input)
    const run = await cli('convert', '--model', 'tiny-style', input, '-o', join(dir, '.', 'fish.jpg'))
    expect(run.code).not.toBe(0)
    expect(run.stderr).toMatch(/is the input itself/)
    expect(readFileSync(input).equals(before)).toBe(true)
  })

  it('names an unknown model, a truncated image and a bad option, exiting non-zero', async () => {
    const truncated = join(dir, 'truncated.jpg')
    writeFileSync(truncated, readFileSync(input).subarray(0, 4000))
    const [unknown, corrupt, badStrength, badProvider] = await Promise.all([
      cli('convert', '--model', 'no-such-model', input, '-o', join(dir, 'a.png')),
      cli('convert', '--model', 'tiny-style', truncated, '-o', join(dir, 'b.png')),
      cli('convert', '--model', 'tiny-style', '--strength', '2', input, '-o', join(dir, 'c.png')),
      cli('convert', '--model', 'tiny-style', '--provider', 'tpu', input, '-o', join(dir, 'd.png'))
    ])
    expect(unknown.stderr).toMatch(/No model "no-such-model" is installed/)
    expect(corrupt.stderr).toMatch(/truncated\.jpg: truncated JPEG/)
    expect(badStrength.stderr).toMatch(/--strength: expected a number from 0 to 1, got "2"/)
    expect(badProvider.stderr).toMatch(/--provider: expected one of auto, cpu, webgpu, cuda, dml, coreml, got "tpu"/)
    for (const run of [unknown, corrupt, badStrength, badProvider]) expect(run.code).not.toBe(0)
    for (const name of ['a.png', 'b.png', 'c.png', 'd.png']) expect(existsSync(join(dir, name))).toBe(false)
  })
})
