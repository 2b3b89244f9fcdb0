import { describe, expect, it } from 'vitest'
import { ModelCard } from '../../src-preload/model-card'
import { linearNormalisation } from '../../src-main/models/normalisation'
import { rgbModel } from './model-fixtures'
import { builtInCard } from './registry-fixtures'

const card = builtInCard('day-to-dusk', rgbModel(), 'styles/day-to-dusk.onnx')
const issues = (value: unknown): string[] => {
  const parsed = ModelCard.safeParse(value)
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)
}

describe('ModelCard', () => {
  it('accepts a complete card, with named and linear normalisations and a free training record', () => {
    expect(ModelCard.parse(card)).toEqual(card)
  })

  it('accepts a lab-chroma colorizer: L (1) in, ab (2) out', () => {
    const colorizer = {
      ...card,
      pipeline: 'lab-chroma',
      input: { ...card.input, channels: 1, colourSpace: 'L', fixedSize: { height: 256, width: 256 } },
      output: { ...card.output, channels: 2, colourSpace: 'ab' }
    }
    expect(issues(colorizer)).toEqual([])
  })

  it('refuses channels or colour spaces that do not fit the pipeline', () => {
    expect(issues({ ...card, pipeline: 'lab-chroma' })).toEqual(["input: the lab-chroma pipeline's input is 1-channel L", "output: the lab-chroma pipeline's output is 2-channel ab"])
    expect(issues({ ...card, output: { ...card.output, channels: 1 } })).toEqual(["output: the rgb pipeline's output is 3-channel rgb"])
  })

  it.each(['../escape.onnx', '/abs/model.onnx', 'dir\\model.onnx', 'C:model.onnx', 'model.bin', 'a//b.onnx', './model.onnx'])('refuses the file path %s', (file) => {
    expect(issues({ ...card, file })).toEqual(['file: must be a relative path with forward slashes ending in .onnx'])
  })

  it.each([
    ['id', 'Day To Dusk'],
    ['sha256', 'ABC'],
    ['createdAt', 'yesterday'],
    ['task', 'upscale'],
    ['source', 'downloaded'],
    ['sizeMultiple', 0]
  ])('refuses a bad %s', (field, value) => {
    expect(issues({ ...card, [field]: value })).toHaveLength(1)
  })

  it('refuses unknown fields, so a typo is not silently ignored', () => {
    expect(issues({ ...card, licnece: 'MIT' })).toEqual([': Unrecognized key: "licnece"'])
  })
})

describe('linearNormalisation', () => {
  it('maps named conventions onto each colour space’s natural range', () => {
    const apply = (n: { scale: number; offset: number }, value: number): number => value * n.scale + n.offset
    const tanh = { rgb: linearNormalisation('tanh', 'rgb'), L: linearNormalisation('tanh', 'L'), ab: linearNormalisation('tanh', 'ab') }
    expect([apply(tanh.rgb, 0), apply(tanh.rgb, 1)]).toEqual([-1, 1])
    expect([apply(tanh.L, 0), apply(tanh.L, 100)]).toEqual([-1, 1])
    expect([apply(tanh.ab, -110), apply(tanh.ab, 110)]).toEqual([-1, 1])
    const unit = linearNormalisation('unit', 'L')
    expect([apply(unit, 0), apply(unit, 100)]).toEqual([0, 1])
    expect(linearNormalisation({ scale: 1 / 255, offset: 0 }, 'rgb')).toEqual({ scale: 1 / 255, offset: 0 })
  })
})
