/** A model's result kept beside an original: how it was made, and what an apply job reports. Part of the contract. */
import { z } from 'zod'
import { MaskRecord } from './apply-mask'

const RowId = z.number().int().positive()

export const ExecutionProvider = z.enum(['auto', 'cpu', 'webgpu', 'cuda', 'dml', 'coreml'])
export type ExecutionProvider = z.infer<typeof ExecutionProvider>
const Pixels = z.number().int().min(1).max(65_536)

/** How a model was applied: what `inference:apply` takes besides the image and model, and what a version records. */
export const ApplyParams = z
  .object({
    /** Longest side the model sees; the model card's recommendation when left out. */
    renderSize: Pixels.optional(),
    /** Longest side of the result (the image is reduced first, never enlarged); full size when left out. */
    workingSize: Pixels.optional(),
    /** 0..1: how far the result moves from the original towards the model's output; 1 when left out. */
    strength: z.number().min(0).max(1).optional(),
    provider: ExecutionProvider.optional()
  })
  .strict()
export type ApplyParams = z.infer<typeof ApplyParams>

/** The parameters a version was made with, and the mask when it was applied locally. */
export const VersionParams = ApplyParams.extend({ mask: MaskRecord.optional() })
export type VersionParams = z.infer<typeof VersionParams>

/** A model's result on an image, kept beside the untouched original. */
export const Version = z.object({
  id: RowId,
  imageId: RowId,
  sha256: z.string(),
  format: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  modelId: z.string(),
  params: VersionParams,
  createdAt: z.string()
})
export type Version = z.infer<typeof Version>

export const ApplyOutcome = z.object({
  version: Version,
  /** The execution provider that ran the model, and a note saying why when it is not the preferred one. */
  provider: z.string(),
  note: z.string()
})
export type ApplyOutcome = z.infer<typeof ApplyOutcome>

export const ExportFormat = z.enum(['png', 'jpeg', 'webp', 'tiff'])
export type ExportFormat = z.infer<typeof ExportFormat>
