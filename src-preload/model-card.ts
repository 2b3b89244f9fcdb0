/** A model's card: what the studio needs to run it, and whom it credits. Schemas only: the contract and the core share them. */
import { z } from 'zod'

/**
 * How pixel values in a colour space's natural units become model values: `model = natural · scale + offset`,
 * and back again on the output. Natural units: RGB in [0, 1], L in [0, 100], a and b in CIELAB units (about ±110).
 */
export const LinearNormalisation = z.object({ scale: z.number().finite().refine((s) => s !== 0, 'scale must not be 0'), offset: z.number().finite() }).strict()
export type LinearNormalisation = z.infer<typeof LinearNormalisation>

/**
 * Named conventions: 'tanh' maps the natural range onto [−1, 1] (CycleGAN and pix2pix generators end in tanh),
 * 'unit' onto [0, 1].
 */
export const NamedNormalisation = z.enum(['tanh', 'unit'])
export type NamedNormalisation = z.infer<typeof NamedNormalisation>

export const Normalisation = z.union([NamedNormalisation, LinearNormalisation])
export type Normalisation = z.infer<typeof Normalisation>


/** Lower-case letters, digits and single hyphens: safe in file names, URLs and CLI arguments. */
export const ModelId = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a slug: lower-case letters, digits and hyphens').max(64)
export type ModelId = z.infer<typeof ModelId>

export const ModelTask = z.enum(['colorize', 'style', 'sketch', 'day-to-night', 'custom'])
export type ModelTask = z.infer<typeof ModelTask>

/** 'lab-chroma': L in, a and b out, recombined with the full-size L. 'rgb': RGB in, RGB out. */
export const ModelPipeline = z.enum(['lab-chroma', 'rgb'])
export type ModelPipeline = z.infer<typeof ModelPipeline>

export const ModelSource = z.enum(['built-in', 'trained', 'imported'])
export type ModelSource = z.infer<typeof ModelSource>

const Channels = z.number().int().min(1).max(64)
const Pixels = z.number().int().positive().max(65_536)
const TensorName = z.string().min(1).max(256)

export const FixedSize = z.object({ height: Pixels, width: Pixels }).strict()
export type FixedSize = z.infer<typeof FixedSize>

export const ModelInput = z
  .object({
    /** The graph input's name, fed at inference. */
    name: TensorName,
    channels: Channels,
    colourSpace: z.enum(['L', 'rgb']),
    normalisation: Normalisation,
    /** Only for models whose graph fixes height and width; absent when they are free. */
    fixedSize: FixedSize.optional()
  })
  .strict()
export type ModelInput = z.infer<typeof ModelInput>

export const ModelOutput = z.object({ name: TensorName, channels: Channels, colourSpace: z.enum(['ab', 'rgb']), normalisation: Normalisation }).strict()
export type ModelOutput = z.infer<typeof ModelOutput>

/** Sizes in pixels (long side for render and working sizes, square side for tiles). */
export const Recommended = z
  .object({
    /** What the model sees: the image is scaled to this, run, and (for lab-chroma) its chroma scaled back up. */
    renderSize: Pixels.optional(),
    /** The size previews are worked at in the editor. */
    workingSize: Pixels.optional(),
    /** Tile side for the tiled runner on images larger than renderSize. */
    tile: Pixels.optional()
  })
  .strict()
export type Recommended = z.infer<typeof Recommended>

/** Who made something the model was built from (weights, training photos) and under which licence. */
export const Credit = z
  .object({
    /** What is credited: "photos/color/…jpg", "forensics-samples-files 1.1.4-5 (12 photos)", "the pix2pix U-Net". */
    work: z.string().min(1),
    licence: z.string().min(1),
    attribution: z.string().min(1).optional(),
    /** Where it came from: a Debian package path, a URL. */
    source: z.string().min(1).optional()
  })
  .strict()
export type Credit = z.infer<typeof Credit>

/** A model file's path relative to the manifest's folder: forward slashes, no empty, `.` or `..` segments, ending in .onnx. */
const RelativeOnnxPath = z
  .string()
  .max(1024)
  .refine(
    (path) => path.endsWith('.onnx') && !/[\\:]/.test(path) && path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..'),
    'must be a relative path with forward slashes ending in .onnx'
  )

export const ModelCard = z
  .object({
    id: ModelId,
    name: z.string().trim().min(1).max(200),
    task: ModelTask,
    pipeline: ModelPipeline,
    input: ModelInput,
    output: ModelOutput,
    /** Height and width fed to the model must be multiples of this (4 for a ResNet generator, 2^depth for a U-Net). */
    sizeMultiple: z.number().int().min(1).max(4096),
    recommended: Recommended,
    file: RelativeOnnxPath,
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits'),
    opset: z.number().int().positive().optional(),
    licence: z.string().min(1),
    credits: z.array(Credit),
    source: ModelSource,
    createdAt: z.iso.datetime({ offset: true }),
    notes: z.string().optional(),
    /** Free record the trainer writes: options, epochs, losses, data sets. */
    training: z.record(z.string(), z.unknown()).optional()
  })
  .strict()
  .superRefine((card, ctx) => {
    const expected = card.pipeline === 'lab-chroma' ? { input: ['L', 1], output: ['ab', 2] } : { input: ['rgb', 3], output: ['rgb', 3] }
    for (const side of ['input', 'output'] as const) {
      const [space, channels] = expected[side]
      if (card[side].colourSpace !== space || card[side].channels !== channels) {
        ctx.addIssue({ code: 'custom', path: [side], message: `the ${card.pipeline} pipeline's ${side} is ${channels}-channel ${space}` })
      }
    }
  })
export type ModelCard = z.infer<typeof ModelCard>

/** `models/manifest.json`: the built-in models. Cards are checked one by one, so one bad card does not hide the rest. */
export const Manifest = z.object({ models: z.array(z.unknown()) }).strict()
export type Manifest = z.infer<typeof Manifest>
