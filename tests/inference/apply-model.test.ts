import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { StudioError } from '../../src-main/common/studio-error'
import { decodeImage, rgbToLab, samplesOf, type RawImage } from '../../src-main/imaging'
import { applyModel, type ApplyOptions } from '../../src-main/inference/apply-model'
import { colorize } from '../../src-main/inference/colorize'
import { onnxChromaPredictor } from '../../src-main/inference/colorize-onnx'
import { closeSessions, openSession } from '../../src-main/inference/ort-session'
import { ModelRegistry, type ModelCard } from '../../src-main/models'
import { colorizerModel, rgbModel } from '../models/model-fixtures'

const PHOTOS = new URL('../fixtures/photos/', import.meta.url).pathname
const cpu: ApplyOptions = { provider: 'cpu' }

let library: string
let registry: ModelRegistry
let colorizer: ModelCard
let style: ModelCard
let landscape: RawImage
let small: RawImage

const photo = async (name: string, width: number, height: number): Promise<RawImage> =>
  decodeImage(await sharp(`${PHOTOS}${name}`).resize(width, height, { fit: 'cover' }).png().toBuffer())

const run = (card: ModelCard, image: RawImage, options: ApplyOptions = {}) =>
  applyModel({ card, modelPath: registry.modelPath(card.id), image, options: { ...cpu, ...options } })

function maxDifference(a: RawImage, b: RawImage): number {
  const [sa, sb] = [samplesOf(a), samplesOf(b)]
  expect(sb.length).toBe(sa.length)
  let max = 0
  for (let i = 0; i < sa.length; i++) max = Math.max(max, Math.abs(sa[i]! - sb[i]!))
  return max
}

/** The same pixels with an alpha channel whose value varies across the image. */
function withAlpha(image: RawImage): RawImage {
  const samples = samplesOf(image)
  const out = Buffer.alloc(image.width * image.height * 4)
  for (let i = 0; i < image.width * image.height; i++) {
    out.set(samples.subarray(i * 3, i * 3 + 3), i * 4)
    out[i * 4 + 3] = (i * 37) % 256
  }
  return { ...image, data: out, channels: 4 }
}

const alphaOf = (image: RawImage) => samplesOf(image).filter((_, i) => i % 4 === 3)

/** Writes the model into the library folder and imports it, as a user would. */
async function install(bytes: Uint8Array, id: string, sizeMultiple?: number): Promise<ModelCard> {
  writeFileSync(join(library, `${id}.onnx`), bytes)
  return (await registry.importModel(join(library, `${id}.onnx`), { id, sizeMultiple })).card
}

beforeAll(async () => {
  library = mkdtempSync(join(tmpdir(), 'gan-studio-apply-'))
  writeFileSync(join(library, 'manifest.json'), JSON.stringify({ models: [] }))
  registry = await ModelRegistry.open({ manifestPath: join(library, 'manifest.json'), storeDir: join(library, 'models') })
  colorizer = await install(colorizerModel(7), 'tiny-colorizer', 8)
  style = await install(rgbModel(3), 'tiny-style')
  landscape = await photo('forensics--IMG_20200124_231153.jpg', 517, 301)
  small = await photo('lxqt--drop.jpg', 300, 200)
})

afterAll(async () => {
  await closeSessions()
  rmSync(library, { recursive: true, force: true })
})

describe('applyModel with a lab-chroma colorizer (1 → 2 U-Net)', () => {
  it('keeps the size and the lightness of a 517×301 photo', async () => {
    const { image, provider, note } = await run(colorizer, landscape, { renderSize: 256 })
    expect([image.width, image.height, image.channels, image.depth]).toEqual([517, 301, 3, 8])
    const [before, after] = [rgbToLab(landscape).L, rgbToLab(image).L]
    const deltaL = before.reduce((max, v, i) => Math.max(max, Math.abs(v - after[i]!)), 0)
    console.log(`colorizer: max |ΔL| ${deltaL.toFixed(3)}; ${note}`)
    expect(deltaL).toBeLessThanOrEqual(0.5)
    expect(provider).toBe('cpu')
    expect(maxDifference(landscape, image)).toBeGreaterThan(5)
  })

  it('runs a tanh card exactly as colorize does with the pix2pix convention', async () => {
    const { session } = await openSession(registry.modelPath(colorizer.id), 'cpu')
    const direct = await colorize(landscape, onnxChromaPredictor(session), { renderSize: 128, sizeMultiple: 8 })
    expect(maxDifference(direct, (await run(colorizer, landscape, { renderSize: 128 })).image)).toBeLessThanOrEqual(1)
  })

  it('carries alpha through and refuses to start when already aborted', async () => {
    const rgba = withAlpha(landscape)
    const { image } = await run(colorizer, rgba, { renderSize: 128 })
    expect(image.channels).toBe(4)
    expect(alphaOf(image)).toEqual(alphaOf(rgba))
    const controller = new AbortController()
    controller.abort(new Error('stop'))
    await expect(run(colorizer, landscape, { signal: controller.signal })).rejects.toThrow('stop')
  })
})

describe('applyModel with an rgb style model (ResNet, ngf 8)', () => {
  it('gives the full size, changes the pixels, and strength 0 gives the input back', async () => {
    const progress: number[][] = []
    const { image } = await run(style, small, { tile: 128, onProgress: (done, total) => progress.push([done, total]) })
    expect([image.width, image.height, image.channels, image.depth]).toEqual([300, 200, 3, 8])
    expect(maxDifference(small, image)).toBeGreaterThan(20)
    expect(progress.at(-1)).toEqual([6, 6])
    expect(maxDifference(small, (await run(style, small, { strength: 0 })).image)).toBeLessThanOrEqual(1)
  })

  it('carries alpha through, turns grey into RGB, and reduces to the working size', async () => {
    const rgba = withAlpha(small)
    const { image } = await run(style, rgba)
    expect(image.channels).toBe(4)
    expect(alphaOf(image)).toEqual(alphaOf(rgba))
    const grey: RawImage = { ...small, data: Buffer.from(samplesOf(small).filter((_, i) => i % 3 === 1)), channels: 1 }
    const fromGrey = (await run(style, grey, { strength: 0 })).image
    expect(fromGrey.channels).toBe(3)
    expect(samplesOf(fromGrey).filter((_, i) => i % 3 === 0)).toEqual(samplesOf(grey))
    const reduced = (await run(style, small, { workingSize: 150 })).image
    expect([reduced.width, reduced.height]).toEqual([150, 100])
  })

  it('keeps 16-bit images 16-bit', async () => {
    const deep = await decodeImage(await sharp(`${PHOTOS}lxqt--drop.jpg`).resize(120, 80).toColourspace('rgb16').png().toBuffer(), { depth: 16 })
    const { image } = await run(style, deep)
    expect([image.width, image.height, image.channels, image.depth, image.data.length]).toEqual([120, 80, 3, 16, 120 * 80 * 3 * 2])
    expect(maxDifference(deep, (await run(style, deep, { strength: 0 })).image)).toBeLessThanOrEqual(1)
  })

  it('rejects with the reason when aborted between tiles', async () => {
    const controller = new AbortController()
    const options = { tile: 64, signal: controller.signal, onProgress: (done: number) => done === 1 && controller.abort(new Error('cancelled by the user')) }
    await expect(run(style, small, options)).rejects.toThrow('cancelled by the user')
  })
})

describe('applyModel refuses bad options specifically', () => {
  it.each([
    [{ strength: 1.5 }, 'invalid-strength', /strength must be between 0 and 1, got 1.5/],
    [{ strength: Number.NaN }, 'invalid-strength', /got NaN/],
    [{ renderSize: 0 }, 'invalid-size', /render size must be a whole number/],
    [{ workingSize: -4 }, 'invalid-size', /working size/],
    [{ tile: 12.5 }, 'invalid-size', /tile size/]
  ])('%o', async (options, code, message) => {
    const failure = run(style, small, options)
    await expect(failure).rejects.toThrow(StudioError)
    await expect(failure).rejects.toMatchObject({ code, message: expect.stringMatching(message) })
  })

  it('refuses a model with a fixed input size', async () => {
    const fixed = { ...style, input: { ...style.input, fixedSize: { width: 256, height: 256 } } }
    await expect(run(fixed, small)).rejects.toMatchObject({ code: 'model-fixed-size' })
  })
})

describe('applyModel with a mask painted on the original', () => {
  /** Mean share (0 = original, 1 = unmasked result) of the change, over samples that the model changes clearly, by distance from (cx, cy). */
  function shareByDistance(result: RawImage, original: RawImage, full: RawImage, cx: number, cy: number): Map<number, number> {
    const [r, o, f] = [samplesOf(result), samplesOf(original), samplesOf(full)]
    const sums = new Map<number, [number, number]>()
    for (let y = 0; y < result.height; y++) {
      for (let x = 0; x < result.width; x++) {
        const ring = Math.floor(Math.hypot(x - cx, y - cy) / 4) * 4
        for (let c = 0; c < 3; c++) {
          const i = (y * result.width + x) * 3 + c
          if (Math.abs(f[i]! - o[i]!) < 24) continue
          const [sum, count] = sums.get(ring) ?? [0, 0]
          sums.set(ring, [sum + (r[i]! - o[i]!) / (f[i]! - o[i]!), count + 1])
        }
      }
    }
    return new Map([...sums].filter(([, [, count]]) => count >= 20).map(([ring, [sum, count]]) => [ring, sum / count]))
  }

  /** Largest difference between a and b among pixels whose distance from (cx, cy) passes `where`. */
  function maxDifferenceWhere(a: RawImage, b: RawImage, cx: number, cy: number, where: (distance: number) => boolean): number {
    const [sa, sb] = [samplesOf(a), samplesOf(b)]
    let max = 0
    for (let i = 0; i < sa.length; i++) {
      const pixel = Math.floor(i / a.channels)
      const distance = Math.hypot((pixel % a.width) - cx, Math.floor(pixel / a.width) - cy)
      if (where(distance)) max = Math.max(max, Math.abs(sa[i]! - sb[i]!))
    }
    return max
  }

  const disc = (x: number, y: number, radius: number, feather: number) => ({ strokes: [{ mode: 'paint' as const, radius, points: [x, y] }], feather })

  it('colorizes inside the strokes only, with a feathered ramp between', async () => {
    const options = { renderSize: 128 }
    const full = (await run(colorizer, landscape, options)).image
    const masked = (await run(colorizer, landscape, { ...options, mask: disc(200, 150, 70, 5) })).image
    expect(maxDifferenceWhere(masked, landscape, 200, 150, (d) => d > 70 + 4 * 5)).toBe(0)
    expect(maxDifferenceWhere(masked, full, 200, 150, (d) => d < 70 - 4 * 5)).toBeLessThanOrEqual(1)
    expect(maxDifferenceWhere(masked, landscape, 200, 150, (d) => d < 70 - 4 * 5)).toBeGreaterThan(10)
    const shares = shareByDistance(masked, landscape, full, 200, 150)
    const ramp = [...shares].filter(([ring]) => ring >= 56 && ring <= 84).sort(([a], [b]) => a - b).map(([, share]) => share)
    console.log('colorizer mask ramp (share of the change per 4 px ring, 56…84 px out):', ramp.map((s) => s.toFixed(2)).join(' '))
    expect(ramp.every((share, i) => i === 0 || share <= ramp[i - 1]! + 0.02)).toBe(true)
    expect(ramp.some((share) => share > 0.2 && share < 0.8)).toBe(true)
  })

  it('blends an rgb model by mask · strength at a reduced working size, the strokes scaled from the original', async () => {
    const options = { workingSize: 150, strength: 0.8 }
    const reduced = (await run(style, small, { workingSize: 150, strength: 0 })).image
    const full = (await run(style, small, options)).image
    // Painted on the 300×200 original around (150, 100), radius 50: around (75, 50), radius 25 in the 150×100 result.
    const masked = (await run(style, small, { ...options, mask: disc(150, 100, 50, 4) })).image
    expect([masked.width, masked.height]).toEqual([150, 100])
    expect(maxDifferenceWhere(masked, reduced, 75, 50, (d) => d > 25 + 4 * 2)).toBe(0)
    expect(maxDifferenceWhere(masked, full, 75, 50, (d) => d < 25 - 4 * 2)).toBeLessThanOrEqual(1)
    expect(maxDifferenceWhere(masked, reduced, 75, 50, (d) => d < 25 - 4 * 2)).toBeGreaterThan(20)
    const ramp = [...shareByDistance(masked, reduced, full, 75, 50)].filter(([ring]) => ring >= 16 && ring <= 32).sort(([a], [b]) => a - b)
    expect(ramp.some(([, share]) => share > 0.2 && share < 0.8)).toBe(true)
  })
})
