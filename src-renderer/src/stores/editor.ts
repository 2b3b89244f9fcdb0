import type { DeepZoom, ImageDetail } from '@contract'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { studio } from '../api'

type EditorStatus = 'empty' | 'preparing' | 'ready' | 'error'

/** The image open in the Editor: its details and its Deep Zoom pyramid (built on demand by the core). */
export const useEditorStore = defineStore('editor', () => {
  const imageId = ref<number | null>(null)
  const detail = ref<ImageDetail | null>(null)
  const deepZoom = ref<DeepZoom | null>(null)
  const status = ref<EditorStatus>('empty')
  const error = ref('')

  function fail(err: unknown): void {
    error.value = err instanceof Error ? err.message : String(err)
    status.value = 'error'
  }

  /** Shows the details at once; the pyramid may take a few seconds to build the first time. */
  async function open(id: number): Promise<void> {
    if (imageId.value === id && status.value !== 'error') return
    imageId.value = id
    detail.value = null
    deepZoom.value = null
    status.value = 'preparing'
    try {
      const pyramid = studio.library.deepZoom({ id })
      pyramid.catch(() => undefined)
      const info = await studio.library.get({ id })
      if (imageId.value !== id) return
      detail.value = info
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
    imageId.value = null
    detail.value = null
    deepZoom.value = null
    status.value = 'empty'
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
    if (reason !== 'import') reloadDetail().catch(fail)
  })

  return { imageId, detail, deepZoom, status, error, open, close, setTags }
})
