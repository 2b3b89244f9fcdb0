// Colorize a 12 MP photo end to end (decode → Lab → predict → recombine → encode): wall time per stage and
// peak RSS. The model is a small seeded U-Net built by the suite (no trained colorizer ships yet), so
// "predict" is not representative of a real model; every other stage is the production code path.
import { createRequire } from 'node:module'
import sharp from 'sharp'
import { decodeImage, encodeImage } from '../src-main/imaging'
import { colorize, type ColorizeStage } from '../src-main/inference/colorize'
import { onnxChromaPredictor } from '../src-main/inference/colorize-onnx'
import { seededWeights, unetGenerator } from '../src-main/onnx'
import { fixed, loadLine, machineLine, median, megabytes, peakRssKb } from './stats'

const ort = createRequire(import.meta.url)('onnxruntime-node') as typeof import('onnxruntime-node')
const RUNS = Number(process.env.RUNS ?? 3)
const PHOTO = new URL('../tests/fixtures/photos/lxqt--drop.jpg', import.meta.url).pathname

console.log(`machine: ${machineLine()}; ${loadLine()}`)
const jpeg = await sharp(PHOTO).resize(4000, 3000, { fit: 'fill' }).jpeg({ quality: 92 }).toBuffer()
const session = await ort.InferenceSession.create(unetGenerator({ inChannels: 1, outChannels: 2, ngf: 8, depth: 3, weights: seededWeights(7) }).bytes)
const totals: number[] = []
for (let run = 1; run <= RUNS; run++) {
  const times: Record<string, number> = {}
  const start = performance.now()
  let mark = start
  const image = await decodeImage(jpeg)
  times.decode = performance.now() - mark
  const onStage = (stage: ColorizeStage, ms: number) => (times[stage] = ms)
  const out = await colorize(image, onnxChromaPredictor(session), { renderSize: 512, onStage })
  mark = performance.now()
  await encodeImage(out, { format: 'jpeg' })
  times.encode = performance.now() - mark
  totals.push(performance.now() - start)
  console.log(`run ${run}: ${Object.entries(times).map(([stage, ms]) => `${stage} ${fixed(ms, 0)}`).join(', ')} ms; total ${fixed(totals.at(-1)!, 0)} ms`)
}
await session.release()
console.log('\n=== figures ===')
console.log(`colorize 4000×3000 JPEG end to end at render size 512 (tiny U-Net): median ${fixed(median(totals), 0)} ms over ${RUNS} runs, peak RSS ${megabytes(peakRssKb())}`)
