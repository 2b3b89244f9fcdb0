import { InferenceSession, Tensor } from 'onnxruntime-node'
import { expect, it } from 'vitest'
import { resnetGenerator, seededWeights } from '../../src-main/onnx'
import { randomImage } from './ort'

// The standard CycleGAN generator (resnet_9blocks, ngf 64, 3 → 3): the model the inference bench uses.
// Timings are printed, never asserted.
it('builds the ResNet-9 CycleGAN generator and runs it once at 256×256 on the CPU', { timeout: 300_000 }, async () => {
  let t = performance.now()
  const model = resnetGenerator({ inChannels: 3, outChannels: 3, ngf: 64, nBlocks: 9, upsampling: 'transpose', weights: seededWeights(1) })
  const buildMs = performance.now() - t

  t = performance.now()
  const session = await InferenceSession.create(model.bytes)
  const loadMs = performance.now() - t

  const input = randomImage([1, 3, 256, 256], 5)
  const feeds = { input: new Tensor('float32', input.data, [...input.dims]) }
  const runsMs: number[] = []
  let dims: readonly number[] = []
  for (let i = 0; i < 2; i++) {
    t = performance.now()
    dims = (await session.run(feeds))['output']?.dims ?? []
    runsMs.push(performance.now() - t)
  }
  await session.release()

  console.log(
    [
      `ResNet-9 CycleGAN generator: ${model.parameterCount.toLocaleString('en-US')} parameters (${(model.parameterCount / 1e6).toFixed(3)} M)`,
      `  model ${(model.bytes.length / 2 ** 20).toFixed(1)} MiB, built in ${buildMs.toFixed(0)} ms, session created in ${loadMs.toFixed(0)} ms`,
      `  ORT CPU run at 256×256: first ${runsMs[0]?.toFixed(0)} ms, second ${runsMs[1]?.toFixed(0)} ms`
    ].join('\n')
  )
  expect(dims).toEqual([1, 3, 256, 256])
})
