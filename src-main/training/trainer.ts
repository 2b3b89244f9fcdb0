import * as tf from '@tensorflow/tfjs'
import { channelsOf, TrainConfigSchema, type TrainConfig } from './config'
import { cycleGanStep } from './cyclegan-step'
import { exportGenerator } from './export-onnx'
import { ImagePool } from './image-pool'
import { learningRateAt } from './lr-schedule'
import { buildNetworks, type Direction, type Network, type Networks } from './nets/networks'
import { Adam, type SerialTensor } from './optim/adam'
import { pix2pixStep } from './pix2pix-step'
import { chooseRecompute, type RecomputeChoice } from './recompute-choice'
import { Rng } from './rng'
import { trainableOf, type TrainState } from './train-state'

/**
 * One training example, NHWC [1, size, size, channels] in the model's normalisation ('tanh': RGB·2 − 1;
 * colorize: L/50 − 1 in a, ab/110 in b; see channelsOf). For pix2pix and colorize a is the input, b its target.
 */
export interface Batch {
  a: Float32Array
  b: Float32Array
}

export interface StepStats {
  /** The step just taken, counting from 0. */
  step: number
  /** G, G_A, G_B, cycle, identity, D_A, D_B (cyclegan); G, G_GAN, L1, D (pix2pix, colorize). D losses include the gradient penalty. */
  losses: Record<string, number>
  /**
   * Mean discriminator verdicts on real and generated images in [0, 1] (see losses.ts `balance`): near 1 and 0 the
   * discriminator wins, both near 0.5 the generator fools it. Averaged over D_A and D_B for cyclegan.
   */
  dReal: number
  dFake: number
  lr: number
  ms: number
}

export interface TrainerSnapshot {
  config: TrainConfig
  /** Steps taken. */
  step: number
  rng: number[]
  /** Every network's parameters and spectral-norm vectors, `<network>.<layer>.<weight|bias|sn_u|sn_v>`, tfjs layout. */
  weights: Record<string, SerialTensor>
  /** `G.t`, `G.m.<parameter>`, `G.v.<parameter>` and the same for `D`. */
  optimizers: Record<string, SerialTensor>
  /** Generated A and B images in the image pools (cyclegan). */
  pools: { a: Float32Array[]; b: Float32Array[] }
}

export interface Trainer {
  readonly config: TrainConfig
  /** What backprop recomputes on the backend the trainer was made on, and why. */
  readonly recompute: RecomputeChoice
  /** Steps taken. */
  readonly step: number
  trainStep(batch: Batch): Promise<StepStats>
  /** Runs a generator on NHWC [1, height, width, channels]; height and width must be multiples of sizeMultipleOf(config). */
  translate(input: Float32Array, height: number, width: number, direction: Direction): Promise<Float32Array>
  snapshot(): Promise<TrainerSnapshot>
  exportOnnx(direction: Direction): Uint8Array
  dispose(): void
}

/** Options that shape the networks: a snapshot or fine-tuning source must agree with the config on these. */
const ARCHITECTURE = ['mode', 'generator', 'ngf', 'ndf', 'blocks', 'unetDepth', 'dLayers', 'upsampling', 'spectralNorm'] as const

/**
 * A trainer from scratch, from a snapshot (exactly resuming it; options outside ARCHITECTURE, such as steps, lr or recompute,
 * may change), or fine-tuning from generator weights: a snapshot's `weights` (G_A/G_B or G entries are used) or
 * weights named without a network prefix (taken as the A→B generator).
 */
export async function createTrainer(config: TrainConfig, init: { snapshot?: TrainerSnapshot; generatorWeights?: TrainerSnapshot['weights'] } = {}): Promise<Trainer> {
  const parsed = TrainConfigSchema.parse(config)
  if (init.snapshot && init.generatorWeights) throw new Error('give a snapshot to resume or generator weights to fine-tune from, not both')
  if (init.snapshot) assertSameArchitecture(parsed, init.snapshot.config)
  const recompute = chooseRecompute(parsed, tf.getBackend())
  const nets = buildNetworks(parsed, recompute.level)
  const generators = Object.values(nets.generators)
  const discriminators = Object.values(nets.discriminators)
  const adamOptions = { beta1: parsed.beta1, beta2: parsed.beta2 }
  const snapshot = init.snapshot
  const rng = snapshot ? Rng.fromState(snapshot.rng) : Rng.fromSeed(parsed.seed)
  const state: TrainState = {
    config: parsed,
    nets,
    gAdam: new Adam(trainableOf(generators), adamOptions),
    dAdam: new Adam(trainableOf(discriminators), adamOptions),
    rng,
    pools: { a: new ImagePool(parsed.poolSize, rng, copies(snapshot?.pools.a)), b: new ImagePool(parsed.poolSize, rng, copies(snapshot?.pools.b)) }
  }
  try {
    if (snapshot) {
      for (const network of [...generators, ...discriminators]) network.params.load(snapshot.weights)
      state.gAdam.restore('G', snapshot.optimizers)
      state.dAdam.restore('D', snapshot.optimizers)
    } else if (init.generatorWeights) {
      loadGenerators(nets, init.generatorWeights)
    }
  } catch (err) {
    disposeAll(state)
    throw err
  }
  return new GanTrainer(state, snapshot?.step ?? 0, recompute)
}

class GanTrainer implements Trainer {
  constructor(
    private readonly s: TrainState,
    private steps: number,
    readonly recompute: RecomputeChoice
  ) {}

  get config(): TrainConfig {
    return this.s.config
  }

  get step(): number {
    return this.steps
  }

  async trainStep(batch: Batch): Promise<StepStats> {
    const started = performance.now()
    const { config } = this.s
    const channels = channelsOf(config.mode)
    const a = imageTensor(batch.a, config.size, channels.in, 'a')
    const b = imageTensor(batch.b, config.size, channels.out, 'b')
    const lr = learningRateAt(config, this.steps)
    try {
      const result = config.mode === 'cyclegan' ? cycleGanStep(this.s, a, b, lr) : pix2pixStep(this.s, a, b, lr)
      const stats = { step: this.steps, ...result, lr, ms: 0 }
      this.steps++
      return { ...stats, ms: performance.now() - started }
    } finally {
      a.dispose()
      b.dispose()
    }
  }

  async translate(input: Float32Array, height: number, width: number, direction: Direction): Promise<Float32Array> {
    const g = this.generator(direction)
    const channels = channelsOf(this.s.config.mode)
    const inChannels = direction === 'AtoB' ? channels.in : channels.out
    if (input.length !== height * width * inChannels) {
      throw new Error(`translate: ${input.length} values given, a ${height}×${width} image with ${inChannels} channels has ${height * width * inChannels}`)
    }
    return tf.tidy(() => (g.apply(tf.tensor4d(input, [1, height, width, inChannels])).dataSync() as Float32Array).slice())
  }

  async snapshot(): Promise<TrainerSnapshot> {
    const { nets, gAdam, dAdam, rng, pools, config } = this.s
    const weights = Object.assign({}, ...[...Object.values(nets.generators), ...Object.values(nets.discriminators)].map((n) => n.params.save())) as TrainerSnapshot['weights']
    return {
      config,
      step: this.steps,
      rng: rng.state(),
      weights,
      optimizers: { ...gAdam.save('G'), ...dAdam.save('D') },
      pools: { a: pools.a.images.map((i) => i.slice()), b: pools.b.images.map((i) => i.slice()) }
    }
  }

  exportOnnx(direction: Direction): Uint8Array {
    const metadata = { gan_studio_training: JSON.stringify({ ...this.s.config, trainedSteps: this.steps, direction }) }
    return exportGenerator(this.s.config, this.generator(direction).params, direction, metadata)
  }

  dispose(): void {
    disposeAll(this.s)
  }

  private generator(direction: Direction): Network {
    const g = this.s.nets.generators[direction]
    if (!g) throw new Error(`${this.s.config.mode} trains no ${direction === 'AtoB' ? 'A→B' : 'B→A'} generator`)
    return g
  }
}

function imageTensor(values: Float32Array, size: number, channels: number, which: string): tf.Tensor4D {
  const expected = size * size * channels
  if (values.length !== expected) throw new Error(`batch image ${which} has ${values.length} values; a ${size}×${size} crop with ${channels} channels has ${expected}`)
  return tf.tensor4d(values, [1, size, size, channels])
}

function assertSameArchitecture(config: TrainConfig, saved: TrainConfig): void {
  const differing = ARCHITECTURE.filter((key) => config[key] !== saved[key])
  if (differing.length) {
    const list = differing.map((key) => `${key} ${String(saved[key])} → ${String(config[key])}`).join(', ')
    throw new Error(`the snapshot was trained with other network options (${list})`)
  }
}

/** Fine-tuning: G_A/G_B or G entries of a snapshot's weights, or unprefixed names for the A→B generator. */
function loadGenerators(nets: Networks, weights: TrainerSnapshot['weights']): void {
  const names = Object.keys(weights)
  const hasPrefix = (prefix: string): boolean => names.some((name) => name.startsWith(`${prefix}.`))
  const sources: Record<Direction, string | undefined> = {
    AtoB: hasPrefix('G_A') ? 'G_A' : hasPrefix('G') ? 'G' : undefined,
    BtoA: hasPrefix('G_B') ? 'G_B' : undefined
  }
  let loaded = 0
  for (const direction of ['AtoB', 'BtoA'] as const) {
    const g = nets.generators[direction]
    if (!g) continue
    const source = sources[direction]
    if (source) g.params.load(weights, source, 'trainable')
    else if (direction === 'AtoB' && !names.some((n) => /^(G|G_A|G_B|D|D_A|D_B)\./.test(n))) g.params.load(prefixed(weights, g.params.prefix), g.params.prefix, 'trainable')
    else continue
    loaded++
  }
  if (loaded === 0) throw new Error('the fine-tuning weights hold no generator (expected G_A., G_B., G. or unprefixed layer names)')
}

function prefixed(weights: TrainerSnapshot['weights'], prefix: string): TrainerSnapshot['weights'] {
  return Object.fromEntries(Object.entries(weights).map(([name, value]) => [`${prefix}.${name}`, value]))
}

function copies(images: Float32Array[] | undefined): Float32Array[] {
  return (images ?? []).map((image) => image.slice())
}

function disposeAll(s: TrainState): void {
  for (const network of [...Object.values(s.nets.generators), ...Object.values(s.nets.discriminators)]) network.params.dispose()
  s.gAdam.dispose()
  s.dAdam.dispose()
}
