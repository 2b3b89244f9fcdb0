import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import { useLibraryStore } from './library'

/** Which grid items are selected (by id) and where the keyboard focus is (by index in the list). */
export const useSelectionStore = defineStore('selection', () => {
  const library = useLibraryStore()
  const ids = ref(new Set<number>())
  const focusIndex = ref(0)
  const anchorIndex = ref(0)

  const count = computed(() => ids.value.size)
  /** Selections finish asynchronously when a page must load first; only the latest one may apply. */
  let latest = 0
  const list = computed(() => [...ids.value])

  function isSelected(id: number): boolean {
    return ids.value.has(id)
  }

  function replace(next: Iterable<number>): void {
    ids.value = new Set(next)
  }

  function clear(): void {
    latest++
    replace([])
  }

  /** Ids of items [from, to], or null when a newer selection started while their pages loaded. */
  async function idsFor(from: number, to: number): Promise<number[] | null> {
    const ticket = ++latest
    const found = await library.idsInRange(from, to)
    return ticket === latest ? found : null
  }

  /** A plain click or arrow key: this item alone. */
  async function selectOnly(index: number): Promise<void> {
    focusIndex.value = anchorIndex.value = index
    const found = await idsFor(index, index)
    if (found) replace(found)
  }

  /** Ctrl/Cmd+click or Space: add or remove this item, keep the rest. */
  async function toggle(index: number): Promise<void> {
    focusIndex.value = anchorIndex.value = index
    const [id] = (await idsFor(index, index)) ?? []
    if (id === undefined) return
    const next = new Set(ids.value)
    if (!next.delete(id)) next.add(id)
    replace(next)
  }

  /** Shift+click or Shift+arrow: everything from the anchor to here. */
  async function extendTo(index: number): Promise<void> {
    focusIndex.value = index
    const found = await idsFor(Math.min(anchorIndex.value, index), Math.max(anchorIndex.value, index))
    if (found) replace(found)
  }

  async function selectAll(): Promise<void> {
    const found = library.total > 0 ? await idsFor(0, library.total - 1) : null
    if (found) replace(found)
  }

  function moveFocus(index: number): void {
    focusIndex.value = Math.max(0, Math.min(index, library.total - 1))
  }

  watch(
    () => library.resets,
    () => {
      clear()
      focusIndex.value = anchorIndex.value = 0
    }
  )

  return { ids, list, count, focusIndex, anchorIndex, isSelected, replace, clear, selectOnly, toggle, extendTo, selectAll, moveFocus }
})
