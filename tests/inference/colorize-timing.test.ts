import { InferenceSession } from 'onnxruntime-node'
import sharp from 'sharp'
import { expect, it } from 'vitest'
import { decodeImage, encodeImage } from '../../src-main/imaging'
import { colorize, type ColorizeStage } from '../../src-main/inference/colorize'
import { onnxChromaPredictor } from '../../src-main/inference/colorize-onnx'
import { seededWeights, unetGenerator } from '../../src-main/onnx'

const PHOTO = new URL('../fixtures/photos/lxqt--drop.jpg', import.meta.url).pathname

/** Prints, does not assert, how long a 12 MP colorization takes on this machine, stage by stage. */
it('times colorize on a 12 MP photo at render size 512', async () => {
  const jpeg = await sharp(PHOTO).resize(4000, 3000, { fit: 'fill' }).jpeg({ quality: 92 }).toBuffer()
  const session = await InferenceSession.create(unetGenerator({ inChannels: 1, outChannels: 2, ngf: 8, depth: 3, weights: seededWeights(7) }).bytes)
  try {
    const times: Record<string, number> = {}
    let start = performance.now()
    const image = await decodeImage(jpeg)
    times.decode = performance.now() - start
    const onStage = (stage: ColorizeStage, ms: number) => (times[stage] = ms)
    const out = await colorize(image, onnxChromaPredictor(session), { renderSize: 512, onStage })
    start = performance.now()
    await encodeImage(out, { format: 'jpeg' })
    times.encode = performance.now() - start
    const total = Object.values(times).reduce((a, b) => a + b, 0)
    const stages = Object.entries(times).map(([stage, ms]) => `${stage} ${ms.toFixed(0)}`)
    console.log(`colorize 4000×3000, render 512, U-Net ngf 8 depth 3 (ms): ${stages.join(', ')}; total ${total.toFixed(0)}`)
    expect([out.width, out.height]).toEqual([4000, 3000])
  } finally {
    await session.release()
  }
})
