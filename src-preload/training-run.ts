/** Training runs: what the Train screen and `gan-studio train` ask for and hear. Schemas only; part of the contract. */
import { z } from 'zod'
import { ModelCard, ModelId, ModelTask, type ModelPipeline } from './model-card'

/** cyclegan: two unpaired folders. pix2pix: aligned pairs. colorize: colour photos, L in and ab out. */
export const TrainMode = z.enum(['cyclegan', 'pix2pix', 'colorize'])
export type TrainMode = z.infer<typeof TrainMode>

/** The pipeline of the models a mode trains, and so of those it can fine-tune. */
export const MODE_PIPELINE: Readonly<Record<TrainMode, ModelPipeline>> = { cyclegan: 'rgb', pix2pix: 'rgb', colorize: 'lab-chroma' }

/** Why a model cannot start a run: made for the other kind of training, or scaling its values unlike GAN Studio's generators. */
export type Unfit = 'otherMode' | 'otherScale'

/** Whether a model's card lets it start a `mode` run (the studio also reads its layers when the run starts). */
export function unfitFor(card: Pick<ModelCard, 'pipeline' | 'input' | 'output'>, mode: TrainMode): Unfit | undefined {
  if (card.pipeline !== MODE_PIPELINE[mode]) return 'otherMode'
  if (card.input.normalisation !== 'tanh' || card.output.normalisation !== 'tanh') return 'otherScale'
  return undefined
}

export const TrainPreset = z.enum(['reference', 'fast'])
export type TrainPreset = z.infer<typeof TrainPreset>

/** Which generator of a run: A→B, or (CycleGAN only) B→A. */
export const TrainDirection = z.enum(['AtoB', 'BtoA'])
export type TrainDirection = z.infer<typeof TrainDirection>

export const RunId = z.string().regex(/^[0-9a-f]{12}$/, 'must be a training run id (12 hex digits)')
export type RunId = z.infer<typeof RunId>

const FolderPath = z.string().min(1).max(4096)
const Whole = (min: number, max: number) => z.number().int().min(min).max(max)
const Rate = z.number().finite().min(0).max(10_000)

/**
 * Where the photos are. cyclegan: `a` and `b`, any photos of each kind. pix2pix: `a` holding `A/` and `B/` (or
 * `train/A` and `train/B`) with the same file names, or `a` and `b` as the two sides with the same file names.
 * colorize: `a` only, colour photos.
 */
export const TrainingData = z
  .object({ mode: TrainMode, a: FolderPath, b: FolderPath.optional() })
  .strict()
  .superRefine((data, ctx) => {
    if (data.mode === 'cyclegan' && !data.b) ctx.addIssue({ code: 'custom', path: ['b'], message: 'CycleGAN needs a second folder (B)' })
    if (data.mode === 'colorize' && data.b) ctx.addIssue({ code: 'custom', path: ['b'], message: 'colorization learns from one folder of colour photos' })
  })
export type TrainingData = z.infer<typeof TrainingData>

/**
 * How much of each generator backprop runs again instead of keeping its activations: 'off'; 'blocks', each residual
 * block; 'generator', each whole generator pass (its blocks too). 'auto': the run picks by backend and network size
 * and says why in its backend note. Runs saved before levels existed hold true ('blocks') or false ('off').
 */
export const RecomputeLevel = z.enum(['auto', 'off', 'blocks', 'generator'])
export type RecomputeLevel = z.infer<typeof RecomputeLevel>
export const Recompute = z.union([RecomputeLevel, z.boolean().transform((on) => (on ? 'blocks' : 'off'))])

/**
 * Every training option but the mode (like the reference's options/*.py). A step is one image (batch size 1).
 * `poolSize`, `lambdaCycle` and `lambdaIdentity` apply to cyclegan only; `lambdaL1` to pix2pix and colorize only.
 */
export const TrainSettings = z.object({
  /** Side of the square training crop in pixels. */
  size: Whole(16, 2048),
  generator: z.enum(['resnet', 'unet']),
  /** Filters of the generator's first layer and the discriminator's first layer. */
  ngf: Whole(1, 512),
  ndf: Whole(1, 512),
  /** Residual blocks of the ResNet generator. */
  blocks: Whole(0, 64),
  /** Stride-2 levels of the U-Net generator: crops and inference sizes must be multiples of 2^unetDepth. */
  unetDepth: Whole(1, 10),
  /** Stride-2 layers of the PatchGAN; 3 gives the reference's 70×70 receptive field. */
  dLayers: Whole(1, 6),
  /** 'resize-conv' (nearest ×2, 3×3 conv) avoids the checkerboard artefacts of transposed convolutions (ResNet only). */
  upsampling: z.enum(['transpose', 'resize-conv']),
  /** 'lsgan' least squares; 'vanilla' the non-saturating cross-entropy; 'wgan-gp' Wasserstein with gradient penalty. */
  loss: z.enum(['lsgan', 'vanilla', 'wgan-gp']),
  /** Spectral normalisation of every discriminator convolution. */
  spectralNorm: z.boolean(),
  /** Discriminator updates per generator update. */
  dSteps: Whole(1, 20),
  lambdaCycle: Rate,
  /** Identity loss weight relative to lambdaCycle, as in the reference (0.5 → identity loss × 5). */
  lambdaIdentity: Rate,
  lambdaL1: Rate,
  /** Gradient penalty weight for wgan-gp. */
  lambdaGp: Rate,
  /** Generated images kept to show the discriminator (the reference's image pool); 0 turns it off. */
  poolSize: Whole(0, 10_000),
  lr: z.number().positive().max(1),
  beta1: z.number().min(0).lt(1),
  beta2: z.number().min(0).lt(1),
  /** Total steps; the learning rate is constant until decayFrom, then falls linearly to 0 at `steps`. */
  steps: Whole(1, 100_000_000),
  decayFrom: Whole(0, 100_000_000),
  /** What backprop recomputes instead of keeping (less memory, more time); see RecomputeLevel and recompute-choice.ts. */
  recompute: Recompute,
  seed: Whole(0, 2 ** 32 - 1)
})

/** Settings a run may change from its preset; the core checks the whole resulting configuration again. */
export const TrainOverrides = TrainSettings.partial().strict()
export type TrainOverrides = z.infer<typeof TrainOverrides>

/** One file the run will skip (`skipped`) or use with a caveat (`warning`). `file` is relative to its folder. */
export const DataProblem = z.object({
  side: z.enum(['a', 'b']),
  file: z.string(),
  /** An image error's code ('truncated', 'not-an-image', …), or 'too-small', 'grayscale', 'unpaired', 'size-mismatch'. */
  code: z.string(),
  message: z.string(),
  severity: z.enum(['skipped', 'warning'])
})
export type DataProblem = z.infer<typeof DataProblem>

export const DataSide = z.object({
  folder: z.string(),
  /** Files found (clutter such as dot-files left out). */
  files: z.number().int(),
  /** Images the run will train on. */
  usable: z.number().int(),
  /** A few usable images as small WebP data URLs, in folder order. */
  preview: z.array(z.object({ file: z.string(), dataUrl: z.string() }))
})
export type DataSide = z.infer<typeof DataSide>

/** What a folder choice amounts to, before anything starts. `errors` non-empty: the run cannot start, each says why. */
export const DataReport = z.object({
  mode: TrainMode,
  /** The crop size the images were checked against. */
  size: z.number().int(),
  a: DataSide,
  b: DataSide.optional(),
  /** pix2pix: usable aligned pairs. */
  pairs: z.number().int().optional(),
  /** At most 500, skipped first; `problemCount` says how many there were. */
  problems: z.array(DataProblem),
  problemCount: z.number().int(),
  errors: z.array(z.string())
})
export type DataReport = z.infer<typeof DataReport>

/** running: a worker trains it now. paused: stopped by the user, resumable. interrupted: the app or machine stopped mid-run, resumable. */
export const RunStatus = z.enum(['running', 'paused', 'interrupted', 'done', 'cancelled', 'failed'])
export type RunStatus = z.infer<typeof RunStatus>

export const TrainingRun = z.object({
  id: RunId,
  name: z.string(),
  mode: TrainMode,
  preset: TrainPreset,
  status: RunStatus,
  /** Steps trained and kept in the latest checkpoint (while running: trained so far). */
  step: z.number().int(),
  steps: z.number().int(),
  /** The resolved training configuration. */
  config: z.record(z.string(), z.unknown()),
  data: z.object({ a: z.string(), b: z.string().optional(), countA: z.number().int(), countB: z.number().int().optional() }),
  /** The tfjs backend it last ran on, and why. */
  backend: z.string().nullable(),
  error: z.string().nullable(),
  /** Models saved from it. */
  modelIds: z.array(z.string()),
  trainingSeconds: z.number(),
  createdAt: z.string(),
  updatedAt: z.string()
})
export type TrainingRun = z.infer<typeof TrainingRun>

export const MetricPoint = z.object({
  step: z.number().int(),
  losses: z.record(z.string(), z.number()),
  /** The discriminators' mean output on real and on generated images (about 0.5 each when balanced). */
  dReal: z.number(),
  dFake: z.number(),
  lr: z.number(),
  /** Milliseconds the step took. */
  ms: z.number()
})
export type MetricPoint = z.infer<typeof MetricPoint>

/**
 * Mean pairwise distance of the fixed samples' outputs over that of their inputs, per direction. Near 0: the
 * generator gives every input the same output (mode collapse); `collapsing` says so.
 */
export const Diversity = z.object({ step: z.number().int(), ratio: z.record(z.string(), z.number()), collapsing: z.boolean() })
export type Diversity = z.infer<typeof Diversity>

export const Sample = z.object({
  step: z.number().int(),
  /** A media path (`mediaPaths.sample`) of a PNG grid: rows of fixed inputs beside the current outputs, both directions. */
  path: z.string(),
  diversity: Diversity
})
export type Sample = z.infer<typeof Sample>

export const TrainingProgress = z.object({
  runId: RunId,
  status: RunStatus,
  step: z.number().int(),
  steps: z.number().int(),
  /** The latest step's figures; absent when nothing was trained since the run (re)started. */
  metric: MetricPoint.optional(),
  stepsPerSecond: z.number().nullable(),
  etaSeconds: z.number().nullable()
})
export type TrainingProgress = z.infer<typeof TrainingProgress>

const ById = z.object({ id: RunId }).strict()
const RunReply = z.object({ run: TrainingRun })

export const trainingRequests = {
  'training:inspect': {
    request: z.object({ data: TrainingData, preset: TrainPreset.default('reference'), size: TrainOverrides.shape.size }).strict(),
    response: DataReport
  },
  'training:start': {
    request: z
      .object({
        name: z.string().trim().min(1).max(200).regex(/^[^\p{Cc}]*$/u, 'must not contain control characters'),
        data: TrainingData,
        preset: TrainPreset.default('reference'),
        overrides: TrainOverrides.default({}),
        /**
         * Fine-tune the A→B generator of this installed model instead of starting from scratch. Its architecture
         * (generator, ngf, blocks, unetDepth, upsampling) replaces the preset's and the overrides'.
         */
        from: z.object({ modelId: ModelId }).strict().optional(),
        /** Write a sample grid every this many steps. */
        sampleEvery: Whole(1, 1_000_000).optional(),
        /** Save a checkpoint every this many steps (and always on pause, cancel and close). */
        checkpointEvery: Whole(1, 1_000_000).optional()
      })
      .strict(),
    response: RunReply
  },
  'training:list': { request: z.object({}).strict(), response: z.object({ runs: z.array(TrainingRun) }) },
  'training:get': {
    request: ById,
    response: z.object({
      run: TrainingRun,
      /** The loss curves: every step, or averages over equal spans of steps when there are more than 1000. */
      metrics: z.array(MetricPoint),
      /** The latest sample grids, newest last (at most 20). */
      samples: z.array(Sample),
      progress: TrainingProgress
    })
  },
  'training:pause': { request: ById, response: RunReply },
  /**
   * Trains a paused, interrupted or failed run on from its latest checkpoint. `steps`: to this many steps in all (a
   * finished run may be extended). `recompute`: from now on at this level (it changes memory and time, not the weights).
   */
  'training:resume': { request: z.object({ id: RunId, steps: Whole(1, 100_000_000).optional(), recompute: RecomputeLevel.optional() }).strict(), response: RunReply },
  'training:cancel': { request: ById, response: RunReply },
  /** Deletes a run that is not training: its row, checkpoints, samples and logs (models saved from it stay). */
  'training:remove': { request: ById, response: z.object({ id: RunId }) },
  /** The generator at the latest checkpoint as an ONNX model in the registry, with a card naming its data and settings. */
  'training:saveModel': {
    request: z
      .object({ id: RunId, direction: TrainDirection.default('AtoB'), name: z.string().trim().min(1).max(200).optional(), modelId: ModelId.optional(), task: ModelTask.optional() })
      .strict(),
    response: z.object({ model: ModelCard })
  }
} as const

export const trainingEvents = {
  /** After every step while running (at most ~10 a second), and when the status changes. */
  'training:progress': TrainingProgress,
  'training:sample': Sample.extend({ runId: RunId }),
  /** A run was created, or its status, step or models changed: the list should refresh that row. */
  'training:changed': z.object({ run: TrainingRun }),
  'training:removed': z.object({ id: RunId })
} as const
