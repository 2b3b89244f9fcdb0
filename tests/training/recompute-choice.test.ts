import { describe, expect, it } from 'vitest'
import { resolveConfig } from '../../src-main/training/config'
import { chooseRecompute, estimatedPeakMb } from '../../src-main/training/recompute-choice'

const cyclegan = (preset: 'fast' | 'reference', size?: number) => resolveConfig(preset, { mode: 'cyclegan', ...(size && { size }) })

describe("'auto' recompute on wasm and pure JS picks the quickest level that fits", () => {
  it('the fast preset keeps every activation', () => {
    const choice = chooseRecompute(cyclegan('fast'), 'wasm')
    expect(choice.level).toBe('off')
    expect(choice.reason).toMatch(/^recompute 'off' \(auto for wasm\): a step needs about 1\d{3} MB; within the 3\.0 GB budget/)
  })

  it('the reference network at 128² recomputes its blocks, naming what keeping them would need', () => {
    const choice = chooseRecompute(cyclegan('reference', 128), 'wasm')
    expect(choice.level).toBe('blocks')
    expect(choice.reason).toMatch(/needs about 2\.\d GB, [4-6]\.\d GB with 'off'/)
  })

  it('the reference preset (256²) recomputes whole generators', () => {
    const choice = chooseRecompute(cyclegan('reference'), 'wasm')
    expect(choice.level).toBe('generator')
    expect(choice.reason).toMatch(/needs about 2\.\d GB, 19\.\d GB with 'off', 10\.\d GB with 'blocks'; within the 3\.0 GB budget/)
    expect(chooseRecompute(cyclegan('reference'), 'cpu').level).toBe('generator')
  })

  it('a U-Net has no blocks to recompute: off or the whole generator', () => {
    const pix2pix = resolveConfig('reference', { mode: 'pix2pix' })
    expect(chooseRecompute(pix2pix, 'wasm').level).toBe('off')
    const huge = chooseRecompute({ ...pix2pix, size: 1024 }, 'wasm')
    expect(huge.level).toBe('generator')
    expect(huge.reason).toMatch(/; over the 3\.0 GB budget \(wasm's heap is capped at 4 GB\) even so: a smaller crop or network may be needed$/)
  })

  it('estimates fall with each level', () => {
    const config = cyclegan('reference')
    const [off, blocks, generator] = (['off', 'blocks', 'generator'] as const).map((level) => estimatedPeakMb(config, level))
    expect(off).toBeGreaterThan(blocks!)
    expect(blocks).toBeGreaterThan(generator!)
  })
})

describe('recompute that is not auto', () => {
  it('native TensorFlow keeps every activation: its memory is not capped', () => {
    expect(chooseRecompute(cyclegan('reference'), 'tensorflow')).toEqual({ level: 'off', reason: "recompute 'off' (auto): the tensorflow backend's memory is not capped" })
  })

  it("a run's own level is kept on every backend", () => {
    const config = resolveConfig('fast', { mode: 'cyclegan', recompute: 'generator' })
    expect(chooseRecompute(config, 'wasm')).toEqual({ level: 'generator', reason: "recompute 'generator' as set for this run" })
    expect(chooseRecompute({ ...config, recompute: 'off' }, 'cpu').level).toBe('off')
  })
})
