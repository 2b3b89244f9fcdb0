import { describe, expect, it } from 'vitest'
import { cropTopLeft, padWithEdges, resamplePlane } from '../../src-main/inference/colorize-resample'

const row = (values: number[]) => ({ data: Float32Array.from(values), width: values.length, height: 1 })
const column = (values: number[]) => ({ data: Float32Array.from(values), width: 1, height: values.length })

describe('plane resampling for colorize', () => {
  it('enlarges bilinearly with pixel centres at i + 0.5, edges held', () => {
    expect([...resamplePlane(row([0, 1]), 4, 1).data]).toEqual([0, 0.25, 0.75, 1])
    expect([...resamplePlane(column([0, 1]), 1, 4).data]).toEqual([0, 0.25, 0.75, 1])
  })

  it('shrinks by averaging every input pixel, keeping a constant constant', () => {
    const halved = resamplePlane(row([0, 2, 4, 6, 8, 10, 12, 14]), 4, 1).data
    // A triangle two pixels wide on each side: interior outputs are the local mean of the ramp.
    expect(halved[1]).toBeCloseTo(5, 5)
    expect(halved[2]).toBeCloseTo(9, 5)
    const constant = resamplePlane({ data: new Float32Array(517 * 301).fill(42), width: 517, height: 301 }, 128, 75).data
    expect(constant.every((v) => Math.abs(v - 42) < 1e-4)).toBe(true)
  })

  it('pads by repeating the last column and row, and crops back', () => {
    const padded = padWithEdges({ data: Float32Array.from([1, 2, 3, 4]), width: 2, height: 2 }, 3, 3)
    expect([...padded.data]).toEqual([1, 2, 2, 3, 4, 4, 3, 4, 4])
    expect([...cropTopLeft(padded.data, 3, 2, 2).data]).toEqual([1, 2, 3, 4])
  })
})
