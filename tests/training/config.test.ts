import { describe, expect, it } from 'vitest'
import { channelsOf, PRESETS, resolveConfig, sizeMultipleOf, TrainConfigSchema } from '../../src-main/training/config'
import { ImagePool } from '../../src-main/training/image-pool'
import { learningRateAt } from '../../src-main/training/lr-schedule'
import { Rng } from '../../src-main/training/rng'

describe('training options', () => {
  it('the reference preset is the reference implementation; pix2pix modes switch to U-Net, cross-entropy, no pool', () => {
    const cyclegan = resolveConfig('reference', { mode: 'cyclegan' })
    expect(cyclegan).toMatchObject({ generator: 'resnet', ngf: 64, ndf: 64, blocks: 9, dLayers: 3, loss: 'lsgan', lambdaCycle: 10, lambdaIdentity: 0.5, poolSize: 50, lr: 2e-4, beta1: 0.5 })
    expect(resolveConfig('reference', { mode: 'pix2pix' })).toMatchObject({ generator: 'unet', unetDepth: 8, loss: 'vanilla', lambdaL1: 100, poolSize: 0 })
    expect(resolveConfig('reference', { mode: 'colorize' })).toMatchObject({ generator: 'unet', loss: 'vanilla' })
    expect(resolveConfig('fast', { mode: 'cyclegan', ngf: 24 })).toMatchObject({ size: 128, ngf: 24, blocks: 6 })
    expect(PRESETS.fast.ngf).toBeLessThan(PRESETS.reference.ngf)
  })

  it('refuses inconsistent options with a specific message', () => {
    const base = resolveConfig('fast', { mode: 'pix2pix' })
    const message = (override: object): string => TrainConfigSchema.safeParse({ ...base, ...override }).error?.issues[0]?.message ?? 'accepted'
    expect(message({ size: 96 })).toBe('size 96 must be a multiple of 128 for the unet generator')
    expect(message({ generator: 'resnet', size: 90 })).toBe('size 90 must be a multiple of 4 for the resnet generator')
    expect(message({ decayFrom: base.steps + 1 })).toMatch(/decayFrom \(\d+\) must not exceed steps/)
    expect(message({ generator: 'resnet', size: 16, dLayers: 3 })).toBe('a 3-layer discriminator needs crops of at least 24 px (size is 16)')
    expect(message({ lr: 0 })).not.toBe('accepted')
    expect(message({ loss: 'hinge' })).not.toBe('accepted')
    expect(message({ extra: 1 })).not.toBe('accepted')
  })

  it('channels and size multiples follow the mode and generator', () => {
    expect(channelsOf('colorize')).toEqual({ in: 1, out: 2 })
    expect(channelsOf('cyclegan')).toEqual({ in: 3, out: 3 })
    expect(sizeMultipleOf({ generator: 'resnet', unetDepth: 8 })).toBe(4)
    expect(sizeMultipleOf({ generator: 'unet', unetDepth: 7 })).toBe(128)
  })

  it('the learning rate is constant, then falls linearly to 0 at the last step', () => {
    const schedule = { lr: 2e-4, steps: 300, decayFrom: 100 }
    const expected = [2e-4, 2e-4, 2e-4, 1e-4, 2e-4 / 200, 0]
    ;[0, 99, 100, 200, 299, 300].forEach((step, i) => expect(learningRateAt(schedule, step)).toBeCloseTo(expected[i]!, 12))
  })
})

describe('seeded RNG and image pool', () => {
  it('a restored RNG state continues the same sequence; seeds differ', () => {
    const rng = Rng.fromSeed(7)
    rng.uniform()
    const copy = Rng.fromState(rng.state())
    const draws = Array.from({ length: 5 }, () => rng.uniform())
    expect(Array.from({ length: 5 }, () => copy.uniform())).toEqual(draws)
    expect(Rng.fromSeed(8).uniform()).not.toBe(Rng.fromSeed(7).uniform())
    expect(draws.every((x) => x >= 0 && x < 1)).toBe(true)
    expect(() => Rng.fromState([1, 2, 3])).toThrow('four unsigned 32-bit integers')
  })

  it('the pool fills first, then returns a stored image about half the time', () => {
    const pool = new ImagePool(3, Rng.fromSeed(1))
    const images = Array.from({ length: 400 }, (_, i) => new Float32Array([i]))
    expect(images.slice(0, 3).map((image) => pool.query(image))).toEqual(images.slice(0, 3))
    const swapped = images.slice(3).filter((image) => pool.query(image) !== image).length
    expect(swapped).toBeGreaterThan(150)
    expect(swapped).toBeLessThan(250)
    expect(pool.images).toHaveLength(3)
    const off = new ImagePool(0, Rng.fromSeed(1))
    expect(off.query(images[0]!)).toBe(images[0])
    expect(off.images).toHaveLength(0)
  })
})
