import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { StudioError } from '../../src-main/common/studio-error'
import { inspectOnnx } from '../../src-main/models/validate-onnx'
import { tempDir } from '../helpers/temp-dir'
import * as models from './model-fixtures'

async function refusal(source: Uint8Array | string, pipeline?: 'rgb' | 'lab-chroma'): Promise<StudioError> {
  const error = await inspectOnnx(source, pipeline && { pipeline }).then(
    () => undefined,
    (err: unknown) => err
  )
  expect(error).toBeInstanceOf(StudioError)
  return error as StudioError
}

/** Reproducible noise: a chain of SHA-512 digests. */
function noise(length: number): Buffer {
  const blocks: Buffer[] = [createHash('sha512').update('seed').digest()]
  while (blocks.length * 64 < length) blocks.push(createHash('sha512').update(blocks.at(-1)!).digest())
  return Buffer.concat(blocks).subarray(0, length)
}

describe('inspectOnnx accepts image-to-image generators', () => {
  it('reads a 3 → 3 ResNet generator as rgb, with free size, opset and metadata', async () => {
    const inspection = await inspectOnnx(models.rgbModel())
    expect(inspection).toEqual({
      inputName: 'input',
      outputName: 'output',
      inChannels: 3,
      outChannels: 3,
      pipeline: 'rgb',
      opset: 17,
      producer: 'GAN Studio',
      metadata: { created_by: 'GAN Studio', size_multiple: '4' }
    })
  })

  it('reads a 1 → 2 U-Net from a file as a lab-chroma colorizer', async () => {
    const path = join(tempDir(), 'colorizer.onnx')
    writeFileSync(path, models.colorizerModel())
    const inspection = await inspectOnnx(path)
    expect(inspection).toMatchObject({ inChannels: 1, outChannels: 2, pipeline: 'lab-chroma' })
    expect(inspection.fixedSize).toBeUndefined()
  })

  it('reports a fixed height and width', async () => {
    expect((await inspectOnnx(models.fixedSizeModel())).fixedSize).toEqual({ height: 64, width: 96 })
  })
})

describe('inspectOnnx refuses what is not ONNX, saying what it is', () => {
  const photo = (): Uint8Array => readFileSync(models.PHOTO)
  it.each([
    ['an empty file', () => new Uint8Array(0), 'not an ONNX model (the file is empty)'],
    ['a JPEG photo', photo, 'not an ONNX model (it is a JPEG image)'],
    ['a text file', () => Buffer.from('hello, I am not a network\n'), 'not an ONNX model (it is a text file)'],
    ['a Git LFS pointer', () => Buffer.from('version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 12\n'), 'Git LFS pointer'],
    ['a PyTorch zip checkpoint', () => Buffer.from('PK\x03\x04rest-of-archive'), 'export the network to ONNX first'],
    ['random bytes', () => noise(4096), 'not an ONNX model (it is not an ONNX protobuf: invalid wire type'],
    ['a truncated model', () => models.rgbModel().slice(0, 20_000), 'not an ONNX model (the data stops in the middle of a record: the file is truncated or damaged)']
  ])('%s', async (_label, bytes, message) => {
    const error = await refusal(bytes())
    expect(error.code).toBe('model-not-onnx')
    expect(error.message).toContain(message)
  })

  it('refuses weights kept in external data files', async () => {
    const error = await refusal(models.externalDataModel())
    expect(error.code).toBe('model-external-data')
    expect(error.message).toMatch(/separate files \(ONNX external data\)/)
  })

  it('passes on ONNX Runtime’s reason when a well-formed model cannot load', async () => {
    const error = await refusal(models.unknownOpModel())
    expect(error.code).toBe('model-unloadable')
    expect(error.message).toMatch(/^ONNX Runtime cannot load the model: .*NoSuchOperator/)
  })
})

describe('inspectOnnx refuses the wrong shapes with specific messages', () => {
  it.each([
    ['two inputs', models.twoInputModel, 'the model has 2 inputs; GAN Studio needs one image input'],
    ['two outputs', models.twoOutputModel, 'the model has 2 outputs; GAN Studio needs one image output'],
    ['a rank-2 input', models.rankTwoModel, 'input must be 4-D NCHW float (got rank 2)'],
    ['an int64 input', models.int64InputModel, 'input must be 4-D NCHW float (got int64)'],
    ['symbolic channels', models.symbolicChannelsModel, 'input channels must be a fixed number in dimension 1 of NCHW (got "c")'],
    ['a batch of 4', () => models.reluModel([4, 3, 'h', 'w']), 'input batch size must be 1 or free (got 4)'],
    ['a fixed height with a free width', () => models.reluModel(['n', 3, 64, 'w']), 'input height and width must both be fixed or both free (got 64 × w)'],
    ['3 → 1', models.threeToOneModel, '1 output channel, but an RGB model must output 3 (R, G and B)'],
    ['1 → 3', models.oneToThreeModel, '3 output channels, but a colorizer must output 2 (a and b)']
  ])('%s', async (_label, bytes, message) => {
    expect((await refusal(bytes())).message).toBe(message)
  })

  it('checks the channels against the pipeline asked for', async () => {
    expect((await refusal(models.rgbModel(), 'lab-chroma')).message).toBe('3 input channels, but a colorizer must take 1 (L)')
    expect((await refusal(models.colorizerModel(), 'rgb')).message).toBe('1 input channel, but an RGB model must take 3 (R, G and B)')
  })
})
