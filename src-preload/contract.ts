/**
 * The one contract between the renderer and the core: every request it may make, every event it may
 * hear. Electron IPC, the local bridge and the CLI all speak it; the zod schemas validate what crosses.
 */
import { z } from 'zod'

export { mediaPaths } from './media-paths'
import { ModelCard, ModelId, ModelPipeline, ModelTask, Normalisation } from './model-card'
export { ModelCard } from './model-card'
import { ApplyParams, ExecutionProvider, ExportFormat, Version } from './image-version'
export { ApplyOutcome, ApplyParams, ExecutionProvider, ExportFormat, Version, VersionParams } from './image-version'
import { ApplyMask } from './apply-mask'
export { ApplyMask, MaskRecord, MaskStroke } from './apply-mask'
import { ImportSource, JobState } from './job-state'
export { ImportReport, ImportSource, JobKind, JobState, JobStatus } from './job-state'
import { trainingEvents, trainingRequests } from './training-run'
export { DataProblem, DataReport, DataSide, Diversity, MetricPoint, MODE_PIPELINE, RunId, RunStatus, Sample, TrainDirection, TrainingData, TrainingProgress, TrainingRun, TrainMode, TrainOverrides, TrainPreset, unfitFor, type Unfit } from './training-run'

const Id = z.number().int().positive()
const Ids = z.array(Id).min(1).max(10_000)
const NO_CONTROL_CHARACTERS = /^[^\p{Cc}]*$/u
const Name = z.string().trim().min(1).max(200).regex(NO_CONTROL_CHARACTERS, 'must not contain control characters')
const Tag = z.string().trim().min(1).max(64).regex(NO_CONTROL_CHARACTERS, 'must not contain control characters')
const NoArgs = z.object({}).strict()

export const Language = z.enum(['en', 'zh-CN'])
export type Language = z.infer<typeof Language>

export const ImageSummary = z.object({
  id: Id,
  sha256: z.string(),
  name: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  format: z.string(),
  bytes: z.number().int(),
  importedAt: z.string(),
  trashed: z.boolean(),
  tags: z.array(z.string())
})
export type ImageSummary = z.infer<typeof ImageSummary>

export const ImageDetail = ImageSummary.extend({
  space: z.string(),
  depth: z.number().int(),
  hasAlpha: z.boolean(),
  sourcePath: z.string().nullable(),
  projectIds: z.array(Id)
})
export type ImageDetail = z.infer<typeof ImageDetail>

export const Project = z.object({ id: Id, name: z.string(), imageCount: z.number().int(), createdAt: z.string() })
export type Project = z.infer<typeof Project>

export const DeepZoom = z.object({
  width: z.number().int(),
  height: z.number().int(),
  tileSize: z.number().int(),
  overlap: z.number().int(),
  format: z.enum(['jpeg', 'webp']),
  levels: z.number().int()
})
export type DeepZoom = z.infer<typeof DeepZoom>

export const Settings = z.object({ language: Language, provider: ExecutionProvider })
export type Settings = z.infer<typeof Settings>

export const SystemInfo = z.object({
  version: z.string(),
  libraryPath: z.string(),
  door: z.enum(['electron', 'bridge', 'cli']),
  compute: z.object({
    inference: z.object({
      engine: z.string(),
      device: z.string(),
      note: z.string(),
      /** Execution providers a user may prefer in Settings, and whether this machine can run them. */
      providers: z.array(z.object({ id: ExecutionProvider, available: z.boolean(), note: z.string() }))
    }),
    training: z.object({ backend: z.string(), note: z.string() })
  })
})
export type SystemInfo = z.infer<typeof SystemInfo>

const ListQuery = z
  .object({
    query: z.string().max(200).optional(),
    tag: Tag.optional(),
    projectId: Id.optional(),
    trashed: z.boolean().default(false),
    sort: z.enum(['newest', 'oldest', 'name']).default('newest'),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(1000).default(200)
  })
  .strict()

/** Every request: `domain:action` → request schema and response schema. */
export const requests = {
  'library:import': { request: z.object({ sources: z.array(ImportSource).min(1).max(100_000), projectId: Id.optional() }).strict(), response: z.object({ jobId: z.string() }) },
  'library:list': { request: ListQuery, response: z.object({ total: z.number().int(), items: z.array(ImageSummary) }) },
  'library:get': { request: z.object({ id: Id }).strict(), response: ImageDetail },
  'library:trash': { request: z.object({ ids: Ids }).strict(), response: z.object({ count: z.number().int() }) },
  'library:restore': { request: z.object({ ids: Ids }).strict(), response: z.object({ count: z.number().int() }) },
  'library:emptyTrash': { request: NoArgs, response: z.object({ count: z.number().int() }) },
  'library:setTags': { request: z.object({ ids: Ids, add: z.array(Tag).max(50).default([]), remove: z.array(Tag).max(50).default([]) }).strict(), response: z.object({ count: z.number().int() }) },
  'library:tags': { request: NoArgs, response: z.object({ tags: z.array(z.object({ name: z.string(), count: z.number().int() })) }) },
  'library:projects': { request: NoArgs, response: z.object({ projects: z.array(Project) }) },
  'library:createProject': { request: z.object({ name: Name }).strict(), response: Project },
  'library:renameProject': { request: z.object({ id: Id, name: Name }).strict(), response: Project },
  'library:deleteProject': { request: z.object({ id: Id }).strict(), response: z.object({ count: z.number().int() }) },
  'library:addToProject': { request: z.object({ projectId: Id, ids: Ids }).strict(), response: z.object({ count: z.number().int() }) },
  'library:removeFromProject': { request: z.object({ projectId: Id, ids: Ids }).strict(), response: z.object({ count: z.number().int() }) },
  /** The original's pyramid, or with `versionId` that version's. */
  'library:deepZoom': { request: z.object({ id: Id, versionId: Id.optional() }).strict(), response: DeepZoom },
  'library:versions': { request: z.object({ imageId: Id }).strict(), response: z.object({ versions: z.array(Version) }) },
  'library:export': {
    request: z
      .object({
        imageId: Id,
        /** Left out: the original. */
        versionId: Id.optional(),
        targetPath: z.string().min(1).max(4096),
        format: ExportFormat,
        /** jpeg and webp only. */
        quality: z.number().int().min(1).max(100).optional(),
        /** Replace a file already at targetPath; without it the export is refused with code 'exists'. */
        overwrite: z.boolean().optional()
      })
      .strict(),
    response: z.object({ path: z.string() })
  },
  'inference:apply': { request: ApplyParams.extend({ imageId: Id, modelId: ModelId, mask: ApplyMask.optional() }).strict(), response: z.object({ jobId: z.string() }) },
  'models:list': { request: NoArgs, response: z.object({ models: z.array(ModelCard) }) },
  'models:import': {
    request: z
      .object({
        path: z.string().min(1).max(4096),
        id: ModelId.optional(),
        name: Name.optional(),
        task: ModelTask.optional(),
        pipeline: ModelPipeline.optional(),
        licence: Name.optional(),
        sizeMultiple: z.number().int().min(1).max(4096).optional(),
        normalisation: Normalisation.optional()
      })
      .strict(),
    response: z.object({ model: ModelCard, duplicate: z.boolean() })
  },
  'models:remove': { request: z.object({ id: ModelId }).strict(), response: z.object({ removed: z.literal(true) }) },
  'models:export': {
    request: z.object({ id: ModelId, targetPath: z.string().min(1).max(4096), overwrite: z.boolean().optional() }).strict(),
    response: z.object({ path: z.string() })
  },
  'jobs:list': { request: NoArgs, response: z.object({ jobs: z.array(JobState) }) },
  'jobs:cancel': { request: z.object({ jobId: z.string().min(1).max(100) }).strict(), response: z.object({ cancelled: z.boolean() }) },
  'settings:get': { request: NoArgs, response: Settings },
  'settings:set': { request: Settings.partial().strict(), response: Settings },
  'settings:system': { request: NoArgs, response: SystemInfo },
  ...trainingRequests
} as const

/** Every event the core sends to the renderer. */
export const events = {
  'library:changed': z.object({ reason: z.enum(['import', 'trash', 'restore', 'emptyTrash', 'tags', 'projects', 'versions']) }),
  'models:changed': z.object({ reason: z.enum(['import', 'remove', 'trained']) }),
  'jobs:progress': JobState,
  'jobs:finished': JobState,
  ...trainingEvents
} as const

export type Channel = keyof typeof requests
export type EventName = keyof typeof events
export type RequestOf<C extends Channel> = z.input<(typeof requests)[C]['request']>
export type ParsedRequestOf<C extends Channel> = z.output<(typeof requests)[C]['request']>
export type ResponseOf<C extends Channel> = z.output<(typeof requests)[C]['response']>
export type EventOf<E extends EventName> = z.output<(typeof events)[E]>

export const channels = Object.keys(requests) as Channel[]
export const eventNames = Object.keys(events) as EventName[]

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && Object.hasOwn(requests, value)
}
export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && Object.hasOwn(events, value)
}

/** What the core implements: one handler per channel, given the validated request. */
export type StudioHandlers = { [C in Channel]: (request: ParsedRequestOf<C>) => Promise<ResponseOf<C>> }

type DomainOf<C extends string> = C extends `${infer D}:${string}` ? D : never
type ActionOf<C extends string, D extends string> = C extends `${D}:${infer A}` ? A : never

/** What the renderer sees as `window.studio`: `studio.library.list({...})`, `studio.on('jobs:progress', cb)`. */
export type StudioApi = {
  [D in DomainOf<Channel>]: {
    [C in Channel as ActionOf<C, D>]: (request: RequestOf<C>) => Promise<ResponseOf<C>>
  }
} & {
  on<E extends EventName>(event: E, listener: (payload: EventOf<E>) => void): () => void
}

/** An error as it crosses a door: a stable code and a message a person can act on. */
export interface WireError {
  code: string
  message: string
}

/** The shape of one request/reply on the bridge and the IPC invoke. */
export type WireReply = { ok: true; value: unknown } | { ok: false; error: WireError }
