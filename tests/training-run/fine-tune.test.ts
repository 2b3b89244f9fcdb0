import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ModelCard, TrainingRun } from '../../src-preload/contract'
import { createDispatcher } from '../../src-main/contract-dispatch'
import { GraphBuilder, resnetGenerator, seededWeights, unetGenerator } from '../../src-main/onnx'
import { decodeGraph, floatValues } from '../../src-main/onnx/graph-edit'
import { onnx } from '../../src-main/onnx/onnx-proto'
import { createStudio, type Studio } from '../../src-main/studio'
import { CheckpointStore } from '../../src-main/training/checkpoints/checkpoint-store'
import { decodeRunCheckpoint } from '../../src-main/training/checkpoints/snapshot-codec'
import { resolveConfig, type TrainMode } from '../../src-main/training/config'
import { readBuilderGenerator, tfjsGeneratorWeights } from '../../src-main/training/import-onnx-weights'
import { readRunSpec, runFiles } from '../../src-main/training/run/run-folder'
import { trainRun } from '../../src-main/training/run/train-loop'
import { createTrainer, type Trainer } from '../../src-main/training/trainer'
import { afterTest, tempDir } from '../helpers/temp-dir'
import { maxAbsDiff, runModel } from '../onnx/ort'
import { noise, nhwcToNchw } from '../training/tiny'
import { cli, photoFolders, stopped, TINY, value } from './run-fixtures'

let shared: string
let folders: { a: string; b: string }
let studio: Studio
let call: ReturnType<typeof createDispatcher>
/** A model saved from a tiny CycleGAN run in this library. */
let trained: ModelCard

const dataFor = (mode: TrainMode) => (mode === 'colorize' ? { mode, a: folders.a } : { mode, ...folders })

/** Starts a run and waits for it to stop. */
async function train(request: Record<string, unknown>): Promise<TrainingRun> {
  let id: string | undefined
  const done = stopped(studio, () => id)
  const { run } = await value<{ run: TrainingRun }>(call('training:start', { preset: 'fast', sampleEvery: 2, checkpointEvery: 2, ...request }))
  id = run.id
  return done
}

function importModel(bytes: Uint8Array, name: string): Promise<ModelCard> {
  const path = join(shared, `${name}.onnx`)
  writeFileSync(path, bytes)
  return value<{ model: ModelCard }>(call('models:import', { path, name })).then((reply) => reply.model)
}

/** How far the trainer's A→B generator is from the source model on a 32×32 input (tfjs vs ONNX Runtime). */
async function outputDistance(modelBytes: Uint8Array, translate: (input: Float32Array) => Promise<Float32Array>, inC: number, outC: number): Promise<number> {
  const input = noise(32 * 32 * inC, 3)
  const expected = await runModel(modelBytes, { data: nhwcToNchw(input, 32, 32, inC), dims: [1, inC, 32, 32] })
  return maxAbsDiff(nhwcToNchw(await translate(input), 32, 32, outC), expected.data)
}

/** A trainer at the run folder's latest checkpoint. */
async function latestTrainer(runDir: string): Promise<{ step: number; trainer: Trainer }> {
  const checkpoint = decodeRunCheckpoint((await new CheckpointStore(runFiles(runDir).checkpoints).latest())!)
  const trainer = await createTrainer((await readRunSpec(runDir)).config, { snapshot: checkpoint.trainer })
  afterTest(() => trainer.dispose())
  return { step: checkpoint.trainer.step, trainer }
}

beforeAll(async () => {
  shared = mkdtempSync(join(tmpdir(), 'gan-studio-fine-tune-'))
  folders = photoFolders(join(shared, 'photos'))
  studio = createStudio({ libraryRoot: join(shared, 'library'), door: 'cli' })
  call = createDispatcher(studio.handlers)
  const run = await train({ name: 'day to night', data: dataFor('cyclegan'), overrides: { ...TINY, steps: 4, decayFrom: 2 } })
  expect(run.status).toBe('done')
  trained = (await value<{ model: ModelCard }>(call('training:saveModel', { id: run.id, modelId: 'tiny-day-night' }))).model
})

afterAll(async () => {
  await studio.close()
  rmSync(shared, { recursive: true, force: true })
})

describe('fine-tuning from an installed model', () => {
  it('a run from a trained model takes its architecture, starts at its generator (even after a kill before the first checkpoint), trains and saves', async () => {
    const run = await train({ name: 'fine-tuned', data: dataFor('cyclegan'), overrides: { ...TINY, ngf: 8, steps: 4, decayFrom: undefined, seed: 7 }, from: { modelId: trained.id } })
    expect(run).toMatchObject({ status: 'done', step: 4 })
    expect(run.config).toMatchObject({
      ngf: 4,
      blocks: 1,
      decayFrom: 2,
      from: { modelId: trained.id, sha256: trained.sha256, architectureFrom: 'card', replaced: ['ngf'], architecture: { generator: 'resnet', ngf: 4, blocks: 1, upsampling: 'resize-conv' } }
    })
    const runDir = studio.library.runDir(run.id)
    const modelBytes = readFileSync((await studio.models()).modelPath(trained.id))
    const end = await latestTrainer(runDir)
    expect(end.step).toBe(4)
    expect(await outputDistance(modelBytes, (input) => end.trainer.translate(input, 32, 32, 'AtoB'), 3, 3)).toBeGreaterThan(1e-3)

    // The run's folder as a kill before its first checkpoint leaves it: the loop must start from the model again.
    const killed = join(tempDir(), 'killed')
    mkdirSync(killed)
    for (const file of [runFiles(runDir).spec, runFiles(runDir).source]) copyFileSync(file, join(killed, basename(file)))
    await trainRun(killed, () => undefined, () => 'pause')
    const start = await latestTrainer(killed)
    expect(start.step).toBe(0)
    expect(await outputDistance(modelBytes, (input) => start.trainer.translate(input, 32, 32, 'AtoB'), 3, 3)).toBeLessThanOrEqual(1e-4)

    const { model } = await value<{ model: ModelCard }>(call('training:saveModel', { id: run.id, name: 'Fine-tuned day to night' }))
    expect(model.training).toMatchObject({ fineTunedFrom: { modelId: trained.id, sha256: trained.sha256 }, config: { ngf: 4 } })
    expect(model.notes).toContain(`Fine-tuned from “${trained.name}” (${trained.id}).`)
  })

  it('models made by the builder and imported fine-tune with their exact weights: ResNet (transposed convolutions) and a U-Net colorizer', async () => {
    const cases = [
      { mode: 'cyclegan', built: resnetGenerator({ inChannels: 3, outChannels: 3, ngf: 4, nBlocks: 1, upsampling: 'transpose', weights: seededWeights(11) }), architecture: { generator: 'resnet', ngf: 4, blocks: 1, upsampling: 'transpose' }, channels: [3, 3] },
      { mode: 'colorize', built: unetGenerator({ inChannels: 1, outChannels: 2, ngf: 4, depth: 3, weights: seededWeights(12) }), architecture: { generator: 'unet', ngf: 4, unetDepth: 3 }, channels: [1, 2] }
    ] as const
    for (const { mode, built, architecture, channels } of cases) {
      const generator = readBuilderGenerator(built.bytes, 'builder model')
      expect(generator.shape).toEqual(architecture)
      const config = resolveConfig('fast', { mode, ...TINY, ...generator.shape })
      const trainer = await createTrainer(config, { generatorWeights: tfjsGeneratorWeights(generator) })
      afterTest(() => trainer.dispose())
      const exported = decodeGraph(trainer.exportOnnx('AtoB'))
      for (const [name, { values }] of generator.parameters) {
        expect(Buffer.from(floatValues(exported.initializer(name)!)!.buffer).equals(Buffer.from(values.buffer)), name).toBe(true)
      }
      expect(await outputDistance(built.bytes, (input) => trainer.translate(input, 32, 32, 'AtoB'), channels[0], channels[1])).toBeLessThanOrEqual(1e-4)

      const card = await importModel(built.bytes, `builder ${mode}`)
      const run = await train({ name: `from builder ${mode}`, data: dataFor(mode), overrides: { ...TINY, steps: 2, decayFrom: 1 }, from: { modelId: card.id } })
      expect(run, run.error ?? '').toMatchObject({ status: 'done', step: 2, config: { ...architecture, from: { modelId: card.id, architectureFrom: 'layers', architecture, replaced: [] } } })
    }
  })

  it('refuses a model made for another mode, one not made by the builder and a missing one, saying why, and starts nothing', async () => {
    const colorizer = await importModel(unetGenerator({ inChannels: 1, outChannels: 2, ngf: 4, depth: 3, weights: seededWeights(5) }).bytes, 'tiny colorizer')
    const g = new GraphBuilder({ inChannels: 3, weights: seededWeights(1) })
    const foreign = await importModel(g.build(g.tanh(g.conv(g.input, { name: 'enc.conv', outChannels: 3, kernel: 3, pad: 1 }))).bytes, 'foreign')
    const sigmoidEnd = decodeGraph(resnetGenerator({ inChannels: 3, outChannels: 3, ngf: 4, nBlocks: 1, upsampling: 'transpose', weights: seededWeights(2) }).bytes)
    sigmoidEnd.graph.node!.at(-1)!.opType = 'Sigmoid'
    const nearMiss = await importModel(onnx.ModelProto.encode(sigmoidEnd.model).finish(), 'near miss')
    const learnedNorm = decodeGraph(resnetGenerator({ inChannels: 3, outChannels: 3, ngf: 4, nBlocks: 1, upsampling: 'transpose', weights: seededWeights(2) }).bytes)
    learnedNorm.initializer('stem.norm.scale')!.rawData![0] ^= 1
    const affine = await importModel(onnx.ModelProto.encode(learnedNorm.model).finish(), 'learned norm')
    const before = studio.library.trainingRuns.list().length

    const refusal = async (mode: TrainMode, modelId: string) => {
      const reply = await call('training:start', { name: 'refused', data: dataFor(mode), preset: 'fast', overrides: TINY, from: { modelId } })
      expect(reply.ok).toBe(false)
      return (reply as { error: { code: string; message: string } }).error
    }
    expect(await refusal('cyclegan', colorizer.id)).toEqual({
      code: 'model-mode-mismatch',
      message: '“tiny colorizer” is a colorizer (L in, a and b out: 1 → 2 channels), but a cyclegan run trains an RGB model (R, G, B in and out: 3 → 3 channels); fine-tune it in a colorize run'
    })
    expect((await refusal('colorize', trained.id)).message).toMatch(/^“day to night \(A→B\)” is an RGB model .*, but a colorize run trains a colorizer .*; fine-tune it in a cyclegan or pix2pix run$/)
    expect(await refusal('pix2pix', foreign.id)).toMatchObject({
      code: 'model-not-fine-tunable',
      message: expect.stringMatching(/^“foreign” was not made by GAN Studio's generator builder: its layers are named enc\.conv\.weight.*; fine-tuning needs a ResNet generator/)
    })
    expect((await refusal('cyclegan', nearMiss.id)).message).toMatch(/^“near miss” was not made by GAN Studio's generator builder: its node \d+ of \d+ is Sigmoid \(.*\) where the builder's graph of \d+ nodes has Tanh/)
    expect((await refusal('cyclegan', affine.id)).message).toMatch(/^“learned norm” was not made by GAN Studio's generator builder: its constant stem\.norm\.scale differs from the builder's/)
    expect(await refusal('cyclegan', 'no-such-model')).toMatchObject({ code: 'not-found' })
    expect(studio.library.trainingRuns.list()).toHaveLength(before)
  })

  it('Steps given without a decay start keep the preset’s proportion (the second half decays); a given one is kept', () => {
    expect(resolveConfig('fast', { mode: 'cyclegan', steps: 9 })).toMatchObject({ steps: 9, decayFrom: 4 })
    expect(resolveConfig('reference', { mode: 'pix2pix', steps: 1000 })).toMatchObject({ steps: 1000, decayFrom: 500 })
    expect(resolveConfig('fast', { mode: 'cyclegan', steps: 9, decayFrom: 9 })).toMatchObject({ decayFrom: 9 })
    expect(resolveConfig('fast', { mode: 'cyclegan' })).toMatchObject({ steps: 20_000, decayFrom: 10_000 })
  })

  it('gan-studio train --from fine-tunes an installed model and --save records it', async () => {
    const library = join(tempDir(), 'library')
    const other = createStudio({ libraryRoot: library, door: 'cli' })
    const path = join(tempDir(), 'builder.onnx')
    writeFileSync(path, resnetGenerator({ inChannels: 3, outChannels: 3, ngf: 4, nBlocks: 1, upsampling: 'resize-conv', weights: seededWeights(7) }).bytes)
    const { model } = await value<{ model: ModelCard }>(createDispatcher(other.handlers)('models:import', { path, id: 'builder-resnet' }))
    await other.close()

    const { output } = cli(library, ['train', '--a', folders.a, '--b', folders.b, '--name', 'cli fine-tune', '--preset', 'fast', '--steps', '2', '--size', '32', '--from', model.id, '--save'])
    const result = await output
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toMatch(/Started "cli fine-tune" \(\w{12}\): cyclegan, 2 steps from model "builder-resnet"\./)
    const saved = /Saved as model "([\w-]+)"/.exec(result.stdout)![1]!
    const refused = await cli(library, ['train', '--resume', 'ffffffffffff', '--from', model.id]).output
    expect(refused.stderr).toMatch(/--from starts a new run/)
    const reopened = createStudio({ libraryRoot: library, door: 'cli' })
    afterTest(() => void reopened.close())
    expect((await reopened.models()).get(saved).training).toMatchObject({ fineTunedFrom: { modelId: 'builder-resnet', sha256: model.sha256 }, config: { ngf: 4, blocks: 1, steps: 2, decayFrom: 1 } })
  })
})
