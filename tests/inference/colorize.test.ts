import { InferenceSession } from 'onnxruntime-node'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeImage, rgbToLab, samplesOf, type RawImage } from '../../src-main/imaging'
import { colorize, type ChromaPredictor } from '../../src-main/inference/colorize'
import { onnxChromaPredictor } from '../../src-main/inference/colorize-onnx'
import { seededWeights, unetGenerator } from '../../src-main/onnx'

const PHOTO = new URL('../fixtures/photos/forensics--IMG_20200124_231153.jpg', import.meta.url).pathname
const [WIDTH, HEIGHT] = [517, 301]

let session: InferenceSession
let predict: ChromaPredictor
let photo: RawImage

beforeAll(async () => {
  session = await InferenceSession.create(unetGenerator({ inChannels: 1, outChannels: 2, ngf: 8, depth: 3, weights: seededWeights(7) }).bytes)
  predict = onnxChromaPredictor(session)
  photo = await decodeImage(await sharp(PHOTO).resize(WIDTH, HEIGHT, { fit: 'cover' }).png().toBuffer())
})

afterAll(() => session.release())

/** Largest sample difference between two images of the same layout, over the pixels `where` selects. */
function maxDifference(a: RawImage, b: RawImage, where: (x: number, y: number) => boolean = () => true): number {
  expect([b.width, b.height, b.channels, b.depth]).toEqual([a.width, a.height, a.channels, a.depth])
  const [sa, sb] = [samplesOf(a), samplesOf(b)]
  let max = 0
  for (let i = 0; i < sa.length; i++) {
    const pixel = Math.floor(i / a.channels)
    if (where(pixel % a.width, Math.floor(pixel / a.width))) max = Math.max(max, Math.abs(sa[i]! - sb[i]!))
  }
  return max
}

function meanDifference(a: RawImage, b: RawImage): number {
  const [sa, sb] = [samplesOf(a), samplesOf(b)]
  let sum = 0
  for (let i = 0; i < sa.length; i++) sum += Math.abs(sa[i]! - sb[i]!)
  return sum / sa.length
}

function maxLightnessDifference(a: RawImage, b: RawImage): number {
  const [la, lb] = [rgbToLab(a).L, rgbToLab(b).L]
  return la.reduce((max, value, i) => Math.max(max, Math.abs(value - lb[i]!)), 0)
}

function meanChroma(image: RawImage): number {
  const { a, b } = rgbToLab(image)
  return a.reduce((sum, value, i) => sum + Math.hypot(value, b[i]!), 0) / a.length
}

describe('colorize with a U-Net (ngf 8, depth 3) in onnxruntime', () => {
  it('returns the full non-square size, rendering at the render size rounded to the size multiple', async () => {
    const seen: number[][] = []
    const out = await colorize(photo, (L, h, w) => (seen.push([h, w]), predict(L, h, w)), { renderSize: 130 })
    // 130 rounds to 128; 301 · 128 / 517 = 74.5 → 75, padded to 80.
    expect(seen).toEqual([[80, 128]])
    expect([out.width, out.height, out.channels, out.depth]).toEqual([WIDTH, HEIGHT, 3, 8])
    expect(out.data.length).toBe(WIDTH * HEIGHT * 3)
  })

  it("keeps the photo's own full-resolution lightness and changes its chroma", async () => {
    const out = await colorize(photo, predict, { renderSize: 128 })
    const deltaL = maxLightnessDifference(photo, out)
    console.log(`max |ΔL| input vs output (8-bit): ${deltaL.toFixed(3)}; mean chroma ${meanChroma(photo).toFixed(2)} → ${meanChroma(out).toFixed(2)}`)
    expect(deltaL).toBeLessThanOrEqual(0.5)
    expect(maxDifference(photo, out)).toBeGreaterThan(5)
  })

  it('returns the input at strength 0, and with a mask of zeros', async () => {
    expect(maxDifference(photo, await colorize(photo, predict, { renderSize: 128, strength: 0 }))).toBeLessThanOrEqual(1)
    const zeros = new Float32Array(WIDTH * HEIGHT)
    expect(maxDifference(photo, await colorize(photo, predict, { renderSize: 128, mask: zeros }))).toBeLessThanOrEqual(1)
  })

  it('changes only where the mask is set', async () => {
    const leftHalf = new Float32Array(WIDTH * HEIGHT).map((_, i) => (i % WIDTH < WIDTH / 2 ? 1 : 0))
    const out = await colorize(photo, predict, { renderSize: 128, mask: leftHalf })
    const full = await colorize(photo, predict, { renderSize: 128 })
    expect(maxDifference(photo, out, (x) => x >= WIDTH / 2)).toBeLessThanOrEqual(1)
    expect(maxDifference(full, out, (x) => x < WIDTH / 2)).toBe(0)
    expect(maxDifference(photo, out, (x) => x < WIDTH / 2)).toBeGreaterThan(5)
  })

  it('rejects with the AbortError of a signal aborted before or during prediction', async () => {
    await expect(colorize(photo, predict, { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' })
    const controller = new AbortController()
    const abortingPredict: ChromaPredictor = (L, h, w) => (controller.abort(), predict(L, h, w))
    await expect(colorize(photo, abortingPredict, { renderSize: 128, signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' })
  })

  it('colorizes a sepia photo like its neutral grey version: the tint never reaches the model', async () => {
    const greyPng = await sharp(PHOTO).resize(WIDTH, HEIGHT, { fit: 'cover' }).greyscale().toColourspace('srgb').png().toBuffer()
    const grey = await decodeImage(greyPng)
    // sharp tints in Lab, keeping each pixel's L.
    const sepia = await decodeImage(await sharp(greyPng).tint('#704214').png().toBuffer())
    expect(grey.channels).toBe(3)
    expect(meanChroma(sepia)).toBeGreaterThan(10)
    const [fromGrey, fromSepia] = await Promise.all([colorize(grey, predict, { renderSize: 128 }), colorize(sepia, predict, { renderSize: 128 })])
    // The inputs' 8-bit lightness differs by rounding (|ΔL| up to about 0.26, a level), which the output keeps and the
    // model sees; the tint itself (tens of levels) must not show.
    const inputs = maxDifference(grey, sepia)
    const outputs = maxDifference(fromGrey, fromSepia)
    console.log(`sepia vs grey: inputs differ by up to ${inputs} levels (|ΔL| ≤ ${maxLightnessDifference(grey, sepia).toFixed(3)}), outputs by ${outputs}, mean ${meanDifference(fromGrey, fromSepia).toFixed(3)}`)
    expect(inputs).toBeGreaterThan(20)
    expect(outputs).toBeLessThanOrEqual(3)
    expect(meanDifference(fromGrey, fromSepia)).toBeLessThan(0.5)
  })

  it('keeps 16-bit input 16-bit, and its lightness', async () => {
    const deep = await decodeImage(PHOTO, { depth: 16 })
    const out = await colorize(deep, predict, { renderSize: 128 })
    expect([out.width, out.height, out.channels, out.depth]).toEqual([deep.width, deep.height, 3, 16])
    const deltaL = maxLightnessDifference(deep, out)
    console.log(`max |ΔL| input vs output (16-bit): ${deltaL.toFixed(4)}`)
    expect(deltaL).toBeLessThanOrEqual(0.01)
  })

  it('colorizes greyscale input into colour and carries alpha over unchanged', async () => {
    const pixels = WIDTH * HEIGHT
    const lightness = Buffer.from(samplesOf(photo).filter((_, i) => i % 3 === 1))
    const alpha = Buffer.from(Array.from({ length: pixels }, (_, i) => i % 256))
    const grey: RawImage = { data: lightness, width: WIDTH, height: HEIGHT, channels: 1, depth: 8 }
    const greyAlpha: RawImage = { ...grey, channels: 2, data: Buffer.from(Array.from(lightness).flatMap((v, i) => [v, alpha[i]!])) }
    const colour = await colorize(grey, predict, { renderSize: 128 })
    const withAlpha = await colorize(greyAlpha, predict, { renderSize: 128 })
    expect([colour.channels, withAlpha.channels]).toEqual([3, 4])
    expect(meanChroma(colour)).toBeGreaterThan(1)
    expect(Buffer.from(samplesOf(withAlpha).filter((_, i) => i % 4 === 3)).equals(alpha)).toBe(true)
    expect(Buffer.from(samplesOf(withAlpha).filter((_, i) => i % 4 !== 3)).equals(colour.data)).toBe(true)
  })

  it('refuses a mask of the wrong size and a strength outside 0..1', async () => {
    await expect(colorize(photo, predict, { mask: new Float32Array(10) })).rejects.toThrow(/mask holds 10 values/)
    await expect(colorize(photo, predict, { strength: 1.5 })).rejects.toThrow(/strength/)
  })
})
