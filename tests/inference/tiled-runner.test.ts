import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadOrt } from '../../src-main/inference/load-ort'
import { closeSessions, openSession } from '../../src-main/inference/ort-session'
import { runTiled, type TiledRunOptions } from '../../src-main/inference/tiled-runner'
import { resnetGenerator, seededWeights } from '../../src-main/onnx'
import { maxAbsDiff } from '../onnx/ort'

const [HEIGHT, WIDTH] = [200, 300]
const PHOTO = new URL('../fixtures/photos/lxqt--drop.jpg', import.meta.url).pathname
const model = resnetGenerator({ inChannels: 3, outChannels: 3, ngf: 8, nBlocks: 2, upsampling: 'transpose', weights: seededWeights(1) }).bytes
const tiling: TiledRunOptions = { tile: 128, overlap: 32, sizeMultiple: 4, provider: 'cpu' }

let image: Float32Array
let untiled: Float32Array

/** The photo at WIDTH×HEIGHT as planar RGB in [−1, 1]. */
async function photo(): Promise<Float32Array> {
  const rgb = await sharp(PHOTO).resize(WIDTH, HEIGHT, { fit: 'fill' }).removeAlpha().raw().toBuffer()
  const planar = new Float32Array(3 * HEIGHT * WIDTH)
  for (let i = 0; i < HEIGHT * WIDTH; i++) for (let c = 0; c < 3; c++) planar[c * HEIGHT * WIDTH + i] = rgb[3 * i + c]! / 127.5 - 1
  return planar
}

const meanAbsDiff = (a: Float32Array, b: Float32Array): number => a.reduce((sum, v, i) => sum + Math.abs(v - b[i]!), 0) / a.length

beforeAll(async () => {
  image = await photo()
  const { session } = await openSession(model, 'cpu')
  const ort = loadOrt()
  untiled = (await session.run({ input: new ort.Tensor('float32', image, [1, 3, HEIGHT, WIDTH]) }))['output']!.data as Float32Array
})

afterAll(closeSessions)

describe('runTiled, ResNet generator (ngf 8, 2 blocks) on a 300×200 photo in 128² tiles', () => {
  it('matches the untiled output once the overlap drops more than the receptive field (overlap 64, feather 8)', async () => {
    const tiled = await runTiled(image, HEIGHT, WIDTH, model, { ...tiling, overlap: 64, feather: 8, statsSize: 300 })
    const diff = maxAbsDiff(tiled, untiled)
    console.log(`tile 128, overlap 64, feather 8, full-size stats: max |tiled − untiled| = ${diff.toExponential(2)}`)
    expect(diff).toBeLessThanOrEqual(1e-4)
  })

  it('stays close with overlap 32, and shared statistics beat per-tile instance norm by far', async () => {
    const global = await runTiled(image, HEIGHT, WIDTH, model, { ...tiling, statsSize: 300 })
    const halfStats = await runTiled(image, HEIGHT, WIDTH, model, { ...tiling, statsSize: 150 })
    const perTile = await runTiled(image, HEIGHT, WIDTH, model, { ...tiling, normalisation: 'per-tile' })
    const report = (label: string, out: Float32Array): string =>
      `${label}: max ${maxAbsDiff(out, untiled).toExponential(2)}, mean ${meanAbsDiff(out, untiled).toExponential(2)}`
    console.log(`tile 128, overlap 32 vs untiled — ${report('full-size stats', global)}; ${report('0.5× stats', halfStats)}; ${report('per-tile norm', perTile)}`)
    expect(meanAbsDiff(global, untiled)).toBeLessThan(5e-3)
    expect(meanAbsDiff(perTile, untiled)).toBeGreaterThan(20 * meanAbsDiff(global, untiled))
    expect(meanAbsDiff(perTile, untiled)).toBeGreaterThan(2 * meanAbsDiff(halfStats, untiled))
    expect(maxAbsDiff(perTile, untiled)).toBeGreaterThan(4 * maxAbsDiff(global, untiled))
  })

  it('counts tiles in its progress: 3 columns × 2 rows', async () => {
    const calls: [number, number][] = []
    await runTiled(image, HEIGHT, WIDTH, model, { ...tiling, onProgress: (done, total) => calls.push([done, total]) })
    expect(calls).toEqual([[0, 6], [1, 6], [2, 6], [3, 6], [4, 6], [5, 6], [6, 6]])
  })

  it('stops between tiles when aborted', async () => {
    const controller = new AbortController()
    let done = 0
    const run = runTiled(image, HEIGHT, WIDTH, model, {
      ...tiling,
      signal: controller.signal,
      onProgress: (n) => {
        done = n
        if (n === 2) controller.abort(new Error('stopped by the user'))
      }
    })
    await expect(run).rejects.toThrow('stopped by the user')
    expect(done).toBe(2)
  })

  it('pads sizes that are not multiples of 4 and keeps them, also through a smaller working size', async () => {
    const [h, w] = [HEIGHT - 3, WIDTH - 1]
    const cropped = new Float32Array(3 * h * w).map((_, i) => image[Math.floor(i / (h * w)) * HEIGHT * WIDTH + Math.floor((i % (h * w)) / w) * WIDTH + (i % w)]!)
    expect(await runTiled(cropped, h, w, model, tiling)).toHaveLength(3 * h * w)
    const reduced = await runTiled(image, HEIGHT, WIDTH, model, { ...tiling, workingSize: 150 })
    expect(reduced).toHaveLength(3 * HEIGHT * WIDTH)
    expect(meanAbsDiff(reduced, untiled)).toBeLessThan(0.5)
  })

  it('refuses an overlap that is not a multiple of the size multiple or over half the tile', async () => {
    await expect(runTiled(image, HEIGHT, WIDTH, model, { ...tiling, overlap: 30 })).rejects.toThrow(/multiples of 4/)
    await expect(runTiled(image, HEIGHT, WIDTH, model, { ...tiling, overlap: 68 })).rejects.toThrow(/half the tile/)
  })
})
