import type { ImageSummary } from '@contract'
import { defineStore } from 'pinia'
import { reactive, ref, shallowReactive, watch } from 'vue'
import { studio } from '../api'

export type SortOrder = 'newest' | 'oldest' | 'name'

interface LibraryFilter {
  query: string
  tag: string | null
  projectId: number | null
  trashed: boolean
  sort: SortOrder
}

export const PAGE_SIZE = 200
const MAX_IDS_PER_REQUEST = 10_000

/**
 * The grid's data: one filtered, sorted list fetched page by page on demand. Pages stay cached; after a
 * change in the library they are kept on screen (stale) until their fresh copy arrives.
 */
export const useLibraryStore = defineStore('library', () => {
  const filter = reactive<LibraryFilter>({ query: '', tag: null, projectId: null, trashed: false, sort: 'newest' })
  const total = ref(0)
  const loadedOnce = ref(false)
  const pages = shallowReactive(new Map<number, ImageSummary[]>())
  const tags = ref<Array<{ name: string; count: number }>>([])
  const known = shallowReactive(new Map<number, ImageSummary>())
  /** Bumped whenever the list is reset (not merely refreshed); the grid scrolls back to the top. */
  const resets = ref(0)
  /** Bumped whenever the list is refetched; whoever shows a range asks for it again. */
  const generation = ref(0)
  let fresh = new Set<number>()
  const inflight = new Map<number, Promise<void>>()

  function request(offset: number, limit: number) {
    const query = filter.query.trim()
    return studio.library.list({
      query: query || undefined,
      tag: filter.tag ?? undefined,
      projectId: filter.projectId ?? undefined,
      trashed: filter.trashed,
      sort: filter.sort,
      offset,
      limit
    })
  }

  function fetchPage(page: number): Promise<void> {
    const running = inflight.get(page)
    if (running) return running
    const asked = generation.value
    const promise = request(page * PAGE_SIZE, PAGE_SIZE)
      .then((result) => {
        if (asked !== generation.value) return
        total.value = result.total
        loadedOnce.value = true
        pages.set(page, result.items)
        fresh.add(page)
        for (const item of result.items) known.set(item.id, item)
      })
      .finally(() => {
        if (inflight.get(page) === promise) inflight.delete(page)
      })
    inflight.set(page, promise)
    return promise
  }

  /** Makes sure items [start, end) are loaded or on their way. */
  function ensureRange(start: number, end: number): Promise<void> {
    const wanted: Promise<void>[] = []
    const last = Math.max(start, Math.min(end, Math.max(total.value, PAGE_SIZE)) - 1)
    for (let page = Math.floor(start / PAGE_SIZE); page <= Math.floor(last / PAGE_SIZE); page++) {
      if (!fresh.has(page)) wanted.push(fetchPage(page))
    }
    return Promise.all(wanted).then(() => undefined)
  }

  function itemAt(index: number): ImageSummary | undefined {
    return pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE]
  }

  /** Ids of items [start, end], loading pages as needed (for range and select-all). */
  async function idsInRange(start: number, end: number): Promise<number[]> {
    const last = Math.min(end, start + MAX_IDS_PER_REQUEST - 1)
    await ensureRange(start, last + 1)
    const ids: number[] = []
    for (let i = start; i <= last; i++) {
      const item = itemAt(i)
      if (item) ids.push(item.id)
    }
    return ids
  }

  /** The library changed underneath: mark every page stale and fetch the first again. */
  function refresh(): Promise<void> {
    generation.value++
    fresh = new Set()
    inflight.clear()
    return fetchPage(0)
  }

  function reset(): Promise<void> {
    pages.clear()
    total.value = 0
    loadedOnce.value = false
    resets.value++
    return refresh()
  }

  async function loadTags(): Promise<void> {
    tags.value = (await studio.library.tags({})).tags
    if (filter.tag && !tags.value.some((t) => t.name === filter.tag)) filter.tag = null
  }

  async function trash(ids: number[]): Promise<number> {
    return (await studio.library.trash({ ids })).count
  }
  async function restore(ids: number[]): Promise<number> {
    return (await studio.library.restore({ ids })).count
  }
  async function emptyTrash(): Promise<number> {
    return (await studio.library.emptyTrash({})).count
  }
  async function setTags(ids: number[], add: string[], remove: string[]): Promise<void> {
    await studio.library.setTags({ ids, add, remove })
  }

  watch(() => ({ ...filter }), () => void reset())
  studio.on('library:changed', ({ reason }) => {
    void refresh()
    if (reason !== 'projects') void loadTags()
  })

  return { filter, total, loadedOnce, pages, tags, known, resets, generation, ensureRange, itemAt, idsInRange, refresh, reset, loadTags, trash, restore, emptyTrash, setTags }
})
