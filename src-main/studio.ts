import type { EventName, EventOf, StudioHandlers, SystemInfo } from '../src-preload/contract'
import { join } from 'node:path'
import { exportTarget } from './common/export-target'
import { builtInModelsManifest, defaultLibraryRoot } from './common/paths'
import { closeSessions } from './inference/ort-session'
import { inferenceRuntimeInfo } from './inference/runtime-info'
import { applyAsVersion } from './jobs/apply-job'
import { JobRunner } from './jobs/job-runner'
import { Library } from './library/library'
import { ModelRegistry } from './models'
import { trainingHandlers } from './training/run/training-handlers'
import { TrainingService } from './training/run/training-service'
import { version } from '../package.json'

export interface StudioOptions {
  libraryRoot?: string
  /** better-sqlite3's addon built for the running ABI (Electron's), when it is not Node's. */
  nativeBinding?: string
  door: SystemInfo['door']
}

export type StudioListener = <E extends EventName>(event: E, payload: EventOf<E>) => void

export interface Studio {
  readonly handlers: StudioHandlers
  readonly library: Library
  /** The model registry, opened on first use. */
  models(): Promise<ModelRegistry>
  subscribe(listener: StudioListener): () => void
  close(): Promise<void>
}

/** The composition root: wires the core's services together behind the contract. */
export function createStudio(options: StudioOptions): Studio {
  const library = Library.open({ root: options.libraryRoot ?? defaultLibraryRoot(), nativeBinding: options.nativeBinding })
  const listeners = new Set<StudioListener>()
  const emit: StudioListener = (event, payload) => {
    for (const listener of listeners) listener(event, payload)
  }
  const jobs = new JobRunner((event, state) => emit(event, state))
  let registry: Promise<ModelRegistry> | undefined
  const models = () => (registry ??= ModelRegistry.open({ manifestPath: builtInModelsManifest(), storeDir: join(library.root, 'models') }))
  const training = new TrainingService({ library, models, jobs, emit })
  const changed = <T>(reason: EventOf<'library:changed'>['reason'], value: T): T => {
    emit('library:changed', { reason })
    return value
  }

  const handlers: StudioHandlers = {
    'library:import': async ({ sources, projectId }) => {
      const jobId = jobs.start('import', async (ctx) => {
        const report = await library.importSources(sources, { projectId, signal: ctx.signal, onProgress: ctx.progress })
        if (report.imported.length || report.duplicates.length) emit('library:changed', { reason: 'import' })
        return { report }
      })
      return { jobId }
    },
    'library:list': async (query) => library.list(query),
    'library:get': async ({ id }) => library.get(id),
    'library:trash': async ({ ids }) => changed('trash', { count: library.trash(ids) }),
    'library:restore': async ({ ids }) => changed('restore', { count: library.restore(ids) }),
    'library:emptyTrash': async () => changed('emptyTrash', { count: library.emptyTrash() }),
    'library:setTags': async ({ ids, add, remove }) => changed('tags', { count: library.setTags(ids, add, remove) }),
    'library:tags': async () => ({ tags: library.tags() }),
    'library:projects': async () => ({ projects: library.projects() }),
    'library:createProject': async ({ name }) => changed('projects', library.createProject(name)),
    'library:renameProject': async ({ id, name }) => changed('projects', library.renameProject(id, name)),
    'library:deleteProject': async ({ id }) => changed('projects', { count: library.deleteProject(id) }),
    'library:addToProject': async ({ projectId, ids }) => changed('projects', { count: library.addToProject(projectId, ids) }),
    'library:removeFromProject': async ({ projectId, ids }) => changed('projects', { count: library.removeFromProject(projectId, ids) }),
    'library:deepZoom': async ({ id, versionId }) => library.deepZoom(id, versionId),
    'library:versions': async ({ imageId }) => ({ versions: library.versions.list(imageId) }),
    'library:export': async (request) => ({ path: await library.versions.export(request) }),
    'inference:apply': async ({ imageId, modelId, mask, ...params }) => {
      const registry = await models()
      // An unknown model or image is refused here, as a request error, rather than as a failed job.
      registry.get(modelId)
      library.versions.originalFile(imageId)
      const provider = params.provider ?? library.getSettings().provider
      const jobId = jobs.start('apply', async (ctx) => {
        const result = await applyAsVersion(library, registry, { imageId, modelId, params: { ...params, provider }, mask }, ctx)
        emit('library:changed', { reason: 'versions' })
        return { result }
      })
      return { jobId }
    },
    'models:list': async () => ({ models: (await models()).list() }),
    'models:import': async ({ path, ...options }) => {
      try {
        const { card, duplicate } = await (await models()).importModel(path, options)
        if (!duplicate) emit('models:changed', { reason: 'import' })
        return { model: card, duplicate }
      } finally {
        await library.discardStaged(path)
      }
    },
    'models:remove': async ({ id }) => {
      await (await models()).remove(id)
      emit('models:changed', { reason: 'remove' })
      return { removed: true as const }
    },
    'models:export': async ({ id, targetPath, overwrite = false }) => {
      const target = exportTarget(targetPath, library.root, overwrite)
      await (await models()).exportModel(id, target)
      return { path: target }
    },
    'jobs:list': async () => ({ jobs: jobs.list() }),
    'jobs:cancel': async ({ jobId }) => ({ cancelled: jobs.cancel(jobId) }),
    'settings:get': async () => library.getSettings(),
    'settings:set': async (patch) => library.setSettings(patch),
    'settings:system': async () => ({
      version,
      libraryPath: library.root,
      door: options.door,
      compute: { inference: await inferenceRuntimeInfo(library.getSettings().provider), training: training.backendInfo() }
    }),
    ...trainingHandlers(training)
  }

  return {
    handlers,
    library,
    models,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    async close() {
      await training.close()
      await jobs.cancelAll()
      await closeSessions()
      listeners.clear()
      library.close()
    }
  }
}
