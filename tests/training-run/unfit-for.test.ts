import { describe, expect, it } from 'vitest'
import { unfitFor } from '../../src-preload/training-run'

const card = (pipeline: 'rgb' | 'lab-chroma', normalisation: 'tanh' | 'unit' = 'tanh') => ({ pipeline, input: { normalisation }, output: { normalisation } }) as Parameters<typeof unfitFor>[0]

describe('which models can start a run (one rule for the studio and the Train screen)', () => {
  it('needs the pipeline the mode trains and tanh scaling', () => {
    expect(['cyclegan', 'pix2pix', 'colorize'].map((mode) => unfitFor(card('rgb'), mode as 'cyclegan'))).toEqual([undefined, undefined, 'otherMode'])
    expect(unfitFor(card('lab-chroma'), 'colorize')).toBeUndefined()
    expect(unfitFor(card('lab-chroma'), 'pix2pix')).toBe('otherMode')
    expect(unfitFor(card('rgb', 'unit'), 'cyclegan')).toBe('otherScale')
  })
})
