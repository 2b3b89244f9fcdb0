import { InferenceSession, Tensor } from 'onnxruntime-node'
import { expect, it } from 'vitest'
import { resnetGenerator, seededWeights } from '../../src-main/onnx'
import { randomImage } from './ort'

// The standard CycleGAN generator (resnet_9blocks, ngf 64, 3 → 3): the model the inference bench uses.
it('builds the ResNet-9 CycleGAN generator with the reference parameter count and runs it at 256×256', { timeout: 300_000 }, async () => {
  const model = resnetGenerator({ inChannels: 3, outChannels: 3, ngf: 64, nBlocks: 9, upsampling: 'transpose', weights: seededWeights(1) })
  expect(model.parameterCount).toBe(11_378_179)
  const session = await InferenceSession.create(model.bytes)
  const input = randomImage([1, 3, 256, 256], 5)
  const output = (await session.run({ input: new Tensor('float32', input.data, [...input.dims]) }))['output']
  await session.release()
  expect(output?.dims).toEqual([1, 3, 256, 256])
})
