import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { channelsOf, type TrainConfig } from '../../src-main/training/config'
import { createTrainer, type Trainer, type TrainerSnapshot } from '../../src-main/training/trainer'
import { inversionBatch, tinyConfig } from './tiny'

beforeAll(async () => {
  await tf.setBackend('cpu')
})

function batchesFor(config: TrainConfig): ReturnType<typeof inversionBatch>[] {
  const channels = channelsOf(config.mode)
  return [0, 1, 2, 3, 4].map((seed) => inversionBatch(config.size, channels.in, channels.out, seed))
}

function expectSameTensors(actual: TrainerSnapshot['weights'], expected: TrainerSnapshot['weights']): void {
  expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort())
  for (const [name, value] of Object.entries(expected)) {
    expect(actual[name]!.shape, name).toEqual(value.shape)
    expect(Buffer.from(actual[name]!.data.buffer).equals(Buffer.from(value.data.buffer)), `${name} differs`).toBe(true)
  }
}

async function withTrainer<T>(trainer: Trainer, use: (t: Trainer) => Promise<T>): Promise<T> {
  try {
    return await use(trainer)
  } finally {
    trainer.dispose()
  }
}

const cases: { label: string; config: TrainConfig }[] = [
  // A pool of 2 is full after the first steps, so resuming must also reproduce its random swaps.
  { label: 'CycleGAN with an image pool', config: tinyConfig('cyclegan', { poolSize: 2, blocks: 1 }) },
  { label: 'pix2pix, WGAN-GP (random interpolation), spectral norm, 2 D steps', config: tinyConfig('pix2pix', { loss: 'wgan-gp', spectralNorm: true, dSteps: 2 }) },
  { label: 'colorize in its LR decay', config: tinyConfig('colorize', { steps: 10, decayFrom: 2 }) },
  { label: 'CycleGAN recomputing whole generators and their blocks', config: tinyConfig('cyclegan', { recompute: 'generator', blocks: 2, poolSize: 2 }) }
]

describe('a trainer restored from a snapshot takes exactly the next step of the uninterrupted run', () => {
  for (const { label, config } of cases) {
    it(label, async () => {
      const batches = batchesFor(config)
      await withTrainer(await createTrainer(config), async (original) => {
        for (const batch of batches.slice(0, 4)) await original.trainStep(batch)
        const saved = await original.snapshot()
        expect(saved.step).toBe(4)
        if (config.poolSize > 0) expect(saved.pools.a).toHaveLength(2)
        const next = await original.trainStep(batches[4]!)
        const after = await original.snapshot()

        await withTrainer(await createTrainer(config, { snapshot: saved }), async (resumed) => {
          expect(resumed.step).toBe(4)
          const resumedNext = await resumed.trainStep(batches[4]!)
          expect(resumedNext.losses).toEqual(next.losses)
          expect([resumedNext.step, resumedNext.lr, resumedNext.dReal, resumedNext.dFake]).toEqual([next.step, next.lr, next.dReal, next.dFake])
          const resumedAfter = await resumed.snapshot()
          expectSameTensors(resumedAfter.weights, after.weights)
          expectSameTensors(resumedAfter.optimizers, after.optimizers)
          expect(resumedAfter.rng).toEqual(after.rng)
          expect(resumedAfter.pools).toEqual(after.pools)
        })
      })
    })
  }

  it('the snapshot is a copy: training on does not change it', async () => {
    const config = tinyConfig('pix2pix')
    const batches = batchesFor(config)
    await withTrainer(await createTrainer(config), async (trainer) => {
      await trainer.trainStep(batches[0]!)
      const saved = await trainer.snapshot()
      const copy = structuredClone(saved)
      await trainer.trainStep(batches[1]!)
      expectSameTensors(saved.weights, copy.weights)
      expectSameTensors(saved.optimizers, copy.optimizers)
    })
  })

  it('refuses a snapshot of other networks, naming the differing options', async () => {
    const config = tinyConfig('pix2pix')
    const saved = await withTrainer(await createTrainer(config), (t) => t.snapshot())
    await expect(createTrainer({ ...config, ngf: 8 }, { snapshot: saved })).rejects.toThrow('other network options (ngf 4 → 8)')
  })
})

describe('fine-tuning starts the generators from given weights and the rest afresh', () => {
  it('takes G_A and G_B from a CycleGAN snapshot', async () => {
    const config = tinyConfig('cyclegan')
    const batch = batchesFor(config)[0]!
    const trained = await withTrainer(await createTrainer(config), async (t) => {
      await t.trainStep(batch)
      return t.snapshot()
    })
    await withTrainer(await createTrainer({ ...config, seed: 99 }, { generatorWeights: trained.weights }), async (tuned) => {
      const state = await tuned.snapshot()
      expect(state.step).toBe(0)
      for (const name of Object.keys(state.weights).filter((n) => n.startsWith('G_'))) expect(state.weights[name]).toEqual(trained.weights[name])
      const discriminator = Object.keys(state.weights).find((n) => n.startsWith('D_A.'))!
      expect(state.weights[discriminator]).not.toEqual(trained.weights[discriminator])
      expect(state.optimizers['G.t']!.data[0]).toBe(0)
    })
  })

  it('takes unprefixed layer names as the A→B generator and refuses weights of another shape', async () => {
    const config = tinyConfig('colorize')
    const trained = await withTrainer(await createTrainer(config), (t) => t.snapshot())
    const bare = Object.fromEntries(Object.entries(trained.weights).filter(([n]) => n.startsWith('G.')).map(([n, v]) => [n.slice(2), v]))
    await withTrainer(await createTrainer({ ...config, seed: 5 }, { generatorWeights: bare }), async (tuned) => {
      expect((await tuned.snapshot()).weights['G.down1.conv.weight']).toEqual(trained.weights['G.down1.conv.weight'])
    })
    await expect(createTrainer({ ...config, ngf: 8 }, { generatorWeights: bare })).rejects.toThrow(/down1\.conv\.weight has shape \[4, 4, 1, 4\] in the snapshot, \[4, 4, 1, 8\]/)
  })
})
