// Wall time and peak RSS of tiled style transfer at full size (tile 512, overlap 64, global instance-norm stats),
// through the production runner, side by side with the same pixels run in one pass (which fits in this
// machine's 24 GB for these cases). Models are seeded, untrained generators built by the suite.
import { writeFileSync } from 'node:fs'
import { loadOrt } from '../src-main/inference/load-ort'
import { closeSessions, openSession } from '../src-main/inference/ort-session'
import { runTiled } from '../src-main/inference/tiled-runner'
import { resnetGenerator, seededWeights } from '../src-main/onnx'
import { fixed, loadLine, machineLine, megabytes, peakRssKb } from './stats'

const tiling = { tile: 512, overlap: 64, sizeMultiple: 4, provider: 'cpu' } as const
const cases = [
  { label: 'ResNet ngf 8, 2 blocks, 6000×4000 (24 MP)', height: 4000, width: 6000, ngf: 8, nBlocks: 2 },
  { label: 'ResNet-9 ngf 64, 2048×1536', height: 1536, width: 2048, ngf: 64, nBlocks: 9 }
]

/** A smooth colourful gradient with some texture, planar RGB in [−1, 1]. */
function syntheticImage(height: number, width: number): Float32Array {
  const image = new Float32Array(3 * height * width)
  for (let c = 0; c < 3; c++) {
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) image[(c * height + y) * width + x] = 0.8 * Math.sin(x / (150 + 40 * c) + y / 230) * Math.cos(y / 90 - c)
    }
  }
  return image
}

/** Resets VmHWM to the current RSS, so the next peak belongs to the next measurement (Linux). */
function resetPeak(): void {
  if (process.platform === 'linux') writeFileSync('/proc/self/clear_refs', '5')
}

async function onePass(model: Uint8Array, image: Float32Array, height: number, width: number): Promise<void> {
  const ort = loadOrt()
  const { session } = await openSession(model, 'cpu')
  const outputs = await session.run({ [session.inputNames[0]!]: new ort.Tensor('float32', image, [1, 3, height, width]) })
  for (const output of Object.values(outputs)) output.dispose()
}

console.log(`machine: ${machineLine()}; ${loadLine()}`)
for (const { label, height, width, ngf, nBlocks } of cases) {
  const model = resnetGenerator({ inChannels: 3, outChannels: 3, ngf, nBlocks, upsampling: 'transpose', weights: seededWeights(1) }).bytes
  const image = syntheticImage(height, width)
  resetPeak()
  let started = performance.now()
  let tiles = 0
  const output = await runTiled(image, height, width, model, { ...tiling, onProgress: (_, total) => (tiles = total) })
  const tiled = (performance.now() - started) / 1000
  const tiledPeak = peakRssKb()
  await closeSessions()
  resetPeak()
  started = performance.now()
  await onePass(model, image, height, width)
  const whole = (performance.now() - started) / 1000
  const wholePeak = peakRssKb()
  await closeSessions()
  console.log(`${label}: tiled (${tiles} tiles) ${fixed(tiled)} s, peak RSS ${megabytes(tiledPeak)}; one pass ${fixed(whole)} s, peak RSS ${megabytes(wholePeak)}; tiled/one-pass time ${fixed(tiled / whole, 2)}× (input + output ${fixed((image.byteLength + output.byteLength) / 2 ** 20, 0)} MiB)`)
}
