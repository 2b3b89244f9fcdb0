import { describe, expect, it } from 'vitest'
import { labToRgb, rgbToLab, type RawImage } from '../../src-main/imaging'

function rgb8(values: number[]): RawImage {
  return { data: Buffer.from(values), width: values.length / 3, height: 1, channels: 3, depth: 8 }
}

function rgb16(samples: Uint16Array): RawImage {
  return { data: Buffer.from(samples.buffer), width: samples.length / 3, height: 1, channels: 3, depth: 16 }
}

function maxDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let max = 0
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!))
  return max
}

function roundTrip(image: RawImage): RawImage {
  const { L, a, b, width, height } = rgbToLab(image)
  return labToRgb(L, a, b, width, height, image.depth)
}

describe('sRGB ↔ CIE L*a*b* (D65)', () => {
  it('matches reference values for white, black and the primaries', () => {
    // Reference: Bruce Lindbloom's calculator, sRGB, D65, no adaptation.
    const expected = [
      [100, 0, 0],
      [0, 0, 0],
      [53.2408, 80.0925, 67.2032],
      [87.7347, -86.1827, 83.1793],
      [32.297, 79.1875, -107.8602],
      [53.5850, 0, 0]
    ]
    const lab = rgbToLab(rgb8([255, 255, 255, 0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0, 255, 128, 128, 128]))
    expected.forEach(([L, a, b], i) => {
      expect(lab.L[i]).toBeCloseTo(L!, 1)
      expect(Math.abs(lab.L[i]! - L!)).toBeLessThan(0.05)
      expect(Math.abs(lab.a[i]! - a!)).toBeLessThan(0.05)
      expect(Math.abs(lab.b[i]! - b!)).toBeLessThan(0.05)
    })
  })

  it('round-trips every 8-bit colour exactly (limit: 1 level)', () => {
    const values = new Uint8Array(2 ** 24 * 3)
    for (let i = 0; i < 2 ** 24; i++) {
      values[i * 3] = i >> 16
      values[i * 3 + 1] = (i >> 8) & 255
      values[i * 3 + 2] = i & 255
    }
    const image: RawImage = { data: Buffer.from(values.buffer), width: 4096, height: 4096, channels: 3, depth: 8 }
    const error = maxDifference(values, roundTrip(image).data)
    console.log(`8-bit round trip, all 16.7 M colours: max error ${error} levels`)
    expect(error).toBeLessThanOrEqual(1)
  })

  it('round-trips 16-bit colours within 2 levels of 65535', () => {
    const steps = 97
    const samples = new Uint16Array(steps ** 3 * 3)
    const level = (i: number) => Math.min(65535, i * 683 + (i % 7))
    let o = 0
    for (let r = 0; r < steps; r++) for (let g = 0; g < steps; g++) for (let b = 0; b < steps; b++) samples.set([level(r), level(g), level(b)], 3 * o++)
    const back = roundTrip(rgb16(samples))
    const error = maxDifference(samples, new Uint16Array(back.data.buffer, back.data.byteOffset, back.data.length / 2))
    console.log(`16-bit round trip, ${steps ** 3} colours: max error ${error} levels of 65535`)
    expect(back.depth).toBe(16)
    expect(error).toBeLessThanOrEqual(2)
  })

  it('reads 16-bit samples from a buffer at an odd offset', () => {
    const samples = new Uint16Array([65535, 0, 0])
    const shifted = Buffer.alloc(7).subarray(1)
    Buffer.from(samples.buffer).copy(shifted)
    const lab = rgbToLab({ data: shifted, width: 1, height: 1, channels: 3, depth: 16 })
    expect(lab.L[0]).toBeCloseTo(53.24, 1)
  })

  it('treats 1- and 2-channel images as neutral grey, ignoring alpha', () => {
    const grey = rgbToLab({ data: Buffer.from([0, 77, 200, 255]), width: 4, height: 1, channels: 1, depth: 8 })
    const withAlpha = rgbToLab({ data: Buffer.from([0, 9, 77, 9, 200, 9, 255, 9]), width: 4, height: 1, channels: 2, depth: 8 })
    const colour = rgbToLab(rgb8([0, 0, 0, 77, 77, 77, 200, 200, 200, 255, 255, 255]))
    expect(maxDifference(grey.L, colour.L)).toBeLessThan(1e-4)
    expect(maxDifference(withAlpha.L, colour.L)).toBeLessThan(1e-4)
    expect([...grey.a, ...grey.b].every((v) => v === 0)).toBe(true)
  })

  it('keeps lightness and hue of a colour outside sRGB, reducing its chroma', () => {
    const L = new Float32Array([50, 70, 30])
    const a = new Float32Array([150, -140, 0])
    const b = new Float32Array([0, 60, -160])
    const out = rgbToLab(labToRgb(L, a, b, 3, 1, 16))
    for (let i = 0; i < 3; i++) {
      expect(Math.abs(out.L[i]! - L[i]!)).toBeLessThan(0.05)
      const chroma = Math.hypot(out.a[i]!, out.b[i]!)
      expect(chroma).toBeLessThan(Math.hypot(a[i]!, b[i]!))
      expect(chroma).toBeGreaterThan(20)
      expect(Math.abs(Math.atan2(out.b[i]!, out.a[i]!) - Math.atan2(b[i]!, a[i]!))).toBeLessThan(0.03)
    }
  })
})
