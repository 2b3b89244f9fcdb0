import type { ApplyOutcome, ApplyParams, DeepZoom, ExportFormat, ImageDetail, Version } from '@contract'
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { studio } from '../api'
import { useHistoryStore } from './history'
import { useJobsStore } from './jobs'
import { useMaskStore } from './mask'
import { useNoticesStore } from './notices'

type EditorStatus = 'empty' | 'preparing' | 'ready' | 'error'

/** What the last apply left to say: the provider that ran and its note, or why nothing was stored. */
export type ApplyReport = { status: 'done'; outcome: ApplyOutcome } | { status: 'cancelled' } | { status: 'failed'; error: string }

export interface ApplyChoice {
  modelId: string
  params: ApplyParams
  /** Apply only where the mask is painted. */
  maskOnly: boolean
}

/**
 * The image open in the Editor: its details and the Deep Zoom pyramids (built on demand by the core) of its
 * original and of the version shown, its versions, and applying a model to make a new one. Undoing an apply
 * shows the version shown before it again; nothing stored is deleted.
 */
export const useEditorStore = defineStore('editor', () => {
  const jobs = useJobsStore()
  const history = useHistoryStore()
  const mask = useMaskStore()
  const imageId = ref<number | null>(null)
  const detail = ref<ImageDetail | null>(null)
  const deepZoom = ref<DeepZoom | null>(null)
  const status = ref<EditorStatus>('empty')
  const error = ref('')
  const versions = ref<Version[]>([])
  /** The version shown as "after"; null shows the original alone. */
  const shown = ref<Version | null>(null)
  const shownZoom = ref<DeepZoom | null>(null)
  const lastApply = ref<ApplyReport | null>(null)
  /** A version's pyramid is being built (the first time it is shown); the view changes once it is ready. */
  const preparingVersion = ref(false)
  let asked = 0

  const applying = computed(() => jobs.applying !== null)

  function fail(err: unknown): void {
    error.value = err instanceof Error ? err.message : String(err)
    status.value = 'error'
  }

  /** Shows the details at once; the pyramid may take a few seconds to build the first time. */
  async function open(id: number): Promise<void> {
    if (imageId.value === id && status.value !== 'error') return
    forget()
    imageId.value = id
    status.value = 'preparing'
    try {
      const pyramid = studio.library.deepZoom({ id })
      pyramid.catch(() => undefined)
      const [info, list] = await Promise.all([studio.library.get({ id }), studio.library.versions({ imageId: id })])
      if (imageId.value !== id) return
      detail.value = info
      versions.value = list.versions
      const built = await pyramid
      if (imageId.value !== id) return
      deepZoom.value = built
      status.value = 'ready'
    } catch (err) {
      if (imageId.value === id) fail(err)
    }
  }

  /** Stops waiting for a pyramid that takes long; the core finishes and keeps it for next time. */
  function close(): void {
    forget()
    status.value = 'empty'
  }

  /** Drops everything about the image that was open, its history and mask included. */
  function forget(): void {
    imageId.value = null
    detail.value = null
    deepZoom.value = null
    versions.value = []
    shown.value = null
    shownZoom.value = null
    lastApply.value = null
    history.clear()
    mask.reset()
  }

  /**
   * Shows a version (null: the original alone) once its pyramid is ready; a later call wins over an earlier one.
   * Resolves to false when it was overtaken and shows nothing.
   */
  async function show(version: Version | null): Promise<boolean> {
    const mine = ++asked
    const id = imageId.value
    if (id === null) return false
    preparingVersion.value = version !== null
    try {
      const zoom = version ? await studio.library.deepZoom({ id, versionId: version.id }) : null
      if (mine !== asked || imageId.value !== id) return false
      shown.value = version
      shownZoom.value = zoom
      return true
    } finally {
      if (mine === asked) preparingVersion.value = false
    }
  }

  function showOrTell(version: Version | null): void {
    void useNoticesStore().guard(() => show(version))
  }

  /** Shows a version as a step of its own in the history. */
  async function select(version: Version | null): Promise<void> {
    const before = shown.value
    if (before?.id === version?.id) return
    if (await show(version)) history.push({ undo: () => showOrTell(before), redo: () => showOrTell(version) })
  }

  async function reloadVersions(): Promise<void> {
    const id = imageId.value
    if (id === null) return
    const list = await studio.library.versions({ imageId: id })
    if (imageId.value === id) versions.value = list.versions
  }

  /** Applies a model to the original as a job; the result becomes a new version, shown at once. */
  async function apply({ modelId, params, maskOnly }: ApplyChoice): Promise<void> {
    const id = imageId.value
    if (id === null || applying.value) return
    lastApply.value = null
    const finished = await jobs.runApply({ imageId: id, modelId, ...params, mask: maskOnly ? mask.forApply() : undefined })
    if (!finished || imageId.value !== id) return
    if (finished.status !== 'done' || !finished.outcome) {
      lastApply.value = finished.status === 'cancelled' ? { status: 'cancelled' } : { status: 'failed', error: finished.error ?? '' }
      return
    }
    const made = finished.outcome.version
    lastApply.value = { status: 'done', outcome: finished.outcome }
    if (!versions.value.some((v) => v.id === made.id)) versions.value = [...versions.value, made]
    await select(made)
  }

  function cancelApply(): Promise<void> {
    return jobs.cancelApply()
  }

  /** Writes the version shown (or the original) to a file on the studio's machine; resolves to the path written. */
  async function exportShown(targetPath: string, format: ExportFormat, quality?: number, overwrite = false): Promise<string> {
    if (imageId.value === null) throw new Error('no image is open')
    const request = { imageId: imageId.value, versionId: shown.value?.id, targetPath, format, quality, overwrite }
    return (await studio.library.export(request)).path
  }

  async function reloadDetail(): Promise<void> {
    const id = imageId.value
    if (id === null || status.value !== 'ready') return
    const info = await studio.library.get({ id })
    if (imageId.value === id) detail.value = info
  }

  async function setTags(add: string[], remove: string[]): Promise<void> {
    if (imageId.value === null) return
    await studio.library.setTags({ ids: [imageId.value], add, remove })
    await reloadDetail()
  }

  studio.on('library:changed', ({ reason }) => {
    if (reason === 'versions') reloadVersions().catch(fail)
    else if (reason !== 'import') reloadDetail().catch(fail)
  })

  return {
    imageId,
    detail,
    deepZoom,
    status,
    error,
    versions,
    shown,
    shownZoom,
    lastApply,
    preparingVersion,
    applying,
    open,
    close,
    select,
    apply,
    cancelApply,
    exportShown,
    setTags
  }
})
