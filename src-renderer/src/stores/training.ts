import type { DataReport, MetricPoint, ModelCard, RequestOf, ResponseOf, Sample, TrainDirection, TrainingProgress, TrainingRun, TrainMode, TrainOverrides, TrainPreset } from '@contract'
import { unfitFor } from '@contract'
import { defineStore } from 'pinia'
import { computed, reactive, ref, watch } from 'vue'
import { mediaUrl, onConnectionState, studio } from '../api'
import { appendMetric, appendSample, mergeHistory } from '../training/metric-history'
import { useModelsStore } from './models'
import { useNoticesStore } from './notices'

export interface TrainDraft {
  mode: TrainMode
  /** Folder paths on the studio's machine. */
  a: string
  b: string
  preset: TrainPreset
  name: string
  /** null: the studio's default. */
  sampleEvery: number | null
  /** Only what the user changed from the preset. */
  overrides: TrainOverrides
  /** The id of the installed model whose generator the run fine-tunes; '' trains from scratch. */
  from: string
}

interface LiveRun {
  metrics: MetricPoint[]
  samples: Sample[]
  progress: TrainingProgress | null
}

const FOLDERS_KEY = 'gan-studio.train.folders'
export const RESUMABLE: readonly TrainingRun['status'][] = ['paused', 'interrupted']

/** Whether a run that stopped short (paused, interrupted, failed) may go on at recompute 'generator', the least memory. */
export function canResumeWithLessMemory(run: TrainingRun, status: TrainingRun['status']): boolean {
  return (RESUMABLE.includes(status) || status === 'failed') && run.step < run.steps && run.config['recompute'] !== 'generator'
}

function rememberedFolders(): { a: string; b: string } {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(FOLDERS_KEY) ?? '{}')
    const value = (key: string) => (parsed && typeof parsed === 'object' && typeof (parsed as Record<string, unknown>)[key] === 'string' ? ((parsed as Record<string, string>)[key] as string) : '')
    return { a: value('a'), b: value('b') }
  } catch {
    return { a: '', b: '' }
  }
}

/** Training runs: the setup being drafted and its data check, the runs list, and the selected run followed live. */
export const useTrainingStore = defineStore('training', () => {
  const models = useModelsStore()
  const draft = reactive<TrainDraft>({ mode: 'cyclegan', ...rememberedFolders(), preset: 'fast', name: '', sampleEvery: null, overrides: {}, from: '' })
  const report = ref<DataReport | null>(null)
  /** What `report` was made for; the draft may have changed since. */
  const reportFor = ref('')
  const inspecting = ref(false)
  const starting = ref(false)
  const runs = ref<TrainingRun[]>([])
  const selectedId = ref<string | null>(null)
  const live = ref<LiveRun | null>(null)
  const saving = ref(false)
  let inspectAsked = 0
  let selectAsked = 0
  /** Events for the selected run that arrive while its history is being fetched. */
  let pending: { metrics: MetricPoint[]; samples: Sample[]; progress: TrainingProgress | null } | null = null

  const checkedKey = computed(() => JSON.stringify([dataOf(draft), draft.preset, draft.overrides.size ?? null]))
  const reportCurrent = computed(() => report.value !== null && reportFor.value === checkedKey.value)
  const selected = computed(() => runs.value.find((r) => r.id === selectedId.value) ?? null)
  const latestSample = computed(() => live.value?.samples.at(-1) ?? null)

  // A model chosen to start from leaves the choice when it no longer fits the mode, or was removed.
  watch(
    () => [draft.mode, models.models] as const,
    ([mode, cards]) => {
      const chosen = cards.find((m) => m.id === draft.from)
      if (draft.from && (!chosen || unfitFor(chosen, mode))) draft.from = ''
    }
  )

  watch(
    () => [draft.a, draft.b],
    ([a, b]) => localStorage.setItem(FOLDERS_KEY, JSON.stringify({ a, b })),
    { flush: 'post' }
  )

  function dataOf(d: TrainDraft): RequestOf<'training:inspect'>['data'] {
    const b = d.b.trim()
    return { mode: d.mode, a: d.a.trim(), ...(d.mode !== 'colorize' && b && { b }) }
  }

  /** The report of the latest check only; one overtaken by another check or by `stopInspect` is dropped. */
  async function inspect(): Promise<void> {
    const mine = ++inspectAsked
    const key = checkedKey.value
    inspecting.value = true
    try {
      // An overtaken check is aborted by the studio ('cancelled'): dropped like its report would be.
      const result = await studio.training.inspect({ data: dataOf(draft), preset: draft.preset, size: draft.overrides.size }).catch((err: unknown) => {
        if (mine === inspectAsked) throw err
      })
      if (mine !== inspectAsked || !result) return
      report.value = result
      reportFor.value = key
    } finally {
      if (mine === inspectAsked) inspecting.value = false
    }
  }

  function stopInspect(): void {
    inspectAsked++
    inspecting.value = false
  }

  function forgetReport(): void {
    stopInspect()
    report.value = null
  }

  function upsert(run: TrainingRun): void {
    const index = runs.value.findIndex((r) => r.id === run.id)
    if (index >= 0) runs.value.splice(index, 1, run)
    else runs.value = [run, ...runs.value]
    const progress = run.id === selectedId.value ? live.value?.progress : null
    if (progress) progress.status = run.status
  }

  async function loadRuns(): Promise<void> {
    const reply = await studio.training.list({})
    runs.value = [...reply.runs].sort((x, y) => y.createdAt.localeCompare(x.createdAt))
  }

  async function start(): Promise<TrainingRun> {
    starting.value = true
    try {
      const { run } = await studio.training.start({
        name: draft.name.trim() || `${draft.mode} ${new Date().toLocaleString()}`,
        data: dataOf(draft),
        preset: draft.preset,
        overrides: draft.overrides,
        ...(draft.from && { from: { modelId: draft.from } }),
        ...(draft.sampleEvery !== null && { sampleEvery: draft.sampleEvery })
      })
      upsert(run)
      await select(run.id)
      return run
    } finally {
      starting.value = false
    }
  }

  /** Follows a run: its history from the studio, then every event for it. */
  async function select(id: string | null): Promise<void> {
    const mine = ++selectAsked
    if (id !== selectedId.value) live.value = null
    selectedId.value = id
    if (!id) return
    pending = { metrics: [], samples: [], progress: null }
    let reply: ResponseOf<'training:get'>
    try {
      reply = await studio.training.get({ id })
    } catch (err) {
      if (mine === selectAsked) [pending, selectedId.value] = [null, null]
      throw err
    }
    if (mine !== selectAsked) return
    const early = pending
    pending = null
    upsert(reply.run)
    const progress = early.progress && early.progress.step >= reply.progress.step ? early.progress : reply.progress
    live.value = { ...mergeHistory(reply, early), progress }
  }

  function hearProgress(progress: TrainingProgress): void {
    const run = runs.value.find((r) => r.id === progress.runId)
    if (run) Object.assign(run, { status: progress.status, step: progress.step, steps: progress.steps })
    if (progress.runId !== selectedId.value) return
    const target = pending ?? live.value
    if (!target) return
    target.progress = progress
    if (progress.metric) target.metrics = appendMetric(target.metrics, progress.metric)
  }

  function hearSample(sample: Sample & { runId: string }): void {
    if (sample.runId !== selectedId.value) return
    const target = pending ?? live.value
    if (!target) return
    const { runId: _runId, ...kept } = sample
    target.samples = appendSample(target.samples, kept)
  }

  function forget(id: string): void {
    runs.value = runs.value.filter((r) => r.id !== id)
    if (selectedId.value === id) void select(null)
  }

  /** Deletes a run that is not training, with its files; the list and the selection let it go. */
  async function remove(id: string): Promise<void> {
    forget((await studio.training.remove({ id })).id)
  }

  async function act(action: 'pause' | 'cancel', id: string): Promise<void> {
    upsert((await studio.training[action]({ id })).run)
  }

  /** A run resumes from its last checkpoint, which may be behind the steps shown: the history is fetched again. */
  async function resume(id: string, change: Omit<RequestOf<'training:resume'>, 'id'> = {}): Promise<void> {
    upsert((await studio.training.resume({ id, ...change })).run)
    if (id === selectedId.value) await select(id)
  }

  async function saveModel(id: string, options: { direction: TrainDirection; name: string; task?: ModelCard['task'] }): Promise<ModelCard> {
    saving.value = true
    try {
      const name = options.name.trim()
      return (await studio.training.saveModel({ id, direction: options.direction, ...(name && { name }), ...(options.task && { task: options.task }) })).model
    } finally {
      saving.value = false
    }
  }

  function sampleUrl(sample: Sample): string {
    return mediaUrl(sample.path)
  }

  /** After a reload or a lost connection: the runs as they are now, and the selected run's history again. */
  async function resync(): Promise<void> {
    await loadRuns()
    if (selectedId.value) await select(selectedId.value)
  }

  studio.on('training:progress', hearProgress)
  studio.on('training:sample', hearSample)
  studio.on('training:changed', ({ run }) => upsert(run))
  studio.on('training:removed', ({ id }) => forget(id))
  let connection = 'online'
  onConnectionState((state) => {
    if (state === 'online' && connection === 'offline') void useNoticesStore().guard(resync)
    connection = state
  })

  return {
    draft,
    report,
    reportCurrent,
    inspecting,
    starting,
    runs,
    selectedId,
    selected,
    live,
    latestSample,
    saving,
    inspect,
    stopInspect,
    forgetReport,
    loadRuns,
    start,
    select,
    pause: (id: string) => act('pause', id),
    cancel: (id: string) => act('cancel', id),
    resume,
    remove,
    saveModel,
    sampleUrl,
    resync
  }
})
