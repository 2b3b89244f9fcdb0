import { describe, expect, it } from 'vitest'
import { inspectOnnx } from '../../src-main/models/validate-onnx'
import { channelsOf, sizeMultipleOf, type TrainConfig } from '../../src-main/training/config'
import { createTrainer } from '../../src-main/training/trainer'
import { maxAbsDiff, runModel } from '../onnx/ort'
import { inversionBatch, nhwcToNchw, noise, tinyConfig } from './tiny'

const cases: { label: string; config: TrainConfig }[] = [
  { label: 'ResNet, transposed-conv upsampling', config: tinyConfig('cyclegan', { upsampling: 'transpose', blocks: 2 }) },
  { label: 'ResNet, resize-conv upsampling', config: tinyConfig('cyclegan', { upsampling: 'resize-conv', blocks: 2 }) },
  { label: 'U-Net (pix2pix)', config: tinyConfig('pix2pix', { generator: 'unet', unetDepth: 3 }) },
  { label: 'U-Net colorize, L → ab', config: tinyConfig('colorize', { generator: 'unet', unetDepth: 4 }) },
  { label: 'ResNet colorize, L → ab', config: tinyConfig('colorize', { generator: 'resnet' }) }
]

describe('exportOnnx matches the tfjs generator in onnxruntime', () => {
  for (const { label, config } of cases) {
    it(label, async () => {
      const trainer = await createTrainer(config)
      try {
        const channels = channelsOf(config.mode)
        // A few steps so biases and weights move away from their initial values.
        for (let i = 0; i < 3; i++) await trainer.trainStep(inversionBatch(config.size, channels.in, channels.out, i))
        const directions = config.mode === 'cyclegan' ? (['AtoB', 'BtoA'] as const) : (['AtoB'] as const)
        for (const direction of directions) {
          const [inC, outC] = direction === 'AtoB' ? [channels.in, channels.out] : [channels.out, channels.in]
          // A non-square size other than the training crop: the export has free height and width.
          const [height, width] = [2 * sizeMultipleOf(config), 3 * sizeMultipleOf(config)]
          const input = noise(height * width * inC, 7)
          const expected = nhwcToNchw(await trainer.translate(input, height, width, direction), height, width, outC)
          const bytes = trainer.exportOnnx(direction)
          const actual = await runModel(bytes, { data: nhwcToNchw(input, height, width, inC), dims: [1, inC, height, width] })
          expect(actual.dims).toEqual([1, outC, height, width])
          expect(maxAbsDiff(actual.data, expected)).toBeLessThanOrEqual(1e-4)
          const inspection = await inspectOnnx(bytes)
          expect(inspection).toMatchObject({ inChannels: inC, outChannels: outC, pipeline: inC === 1 ? 'lab-chroma' : 'rgb' })
          expect(inspection.fixedSize).toBeUndefined()
          expect(JSON.parse(inspection.metadata['gan_studio_training']!)).toMatchObject({ mode: config.mode, direction, trainedSteps: 3 })
        }
      } finally {
        trainer.dispose()
      }
    })
  }
})
