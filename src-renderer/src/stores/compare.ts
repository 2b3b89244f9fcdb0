import { defineStore } from 'pinia'
import { ref } from 'vue'

export type CompareMode = 'single' | 'split' | 'side'
const MODES: CompareMode[] = ['single', 'split', 'side']

/** How the Editor shows before (the original) against after (the version shown). */
export const useCompareStore = defineStore('compare', () => {
  const mode = ref<CompareMode>('split')
  /** Share of the width, from the left, where the split sits. */
  const split = ref(0.5)
  /** While held: the original alone. */
  const peeking = ref(false)
  const loupe = ref(false)

  function setSplit(share: number): void {
    split.value = Math.min(1, Math.max(0, share))
  }

  function nextMode(): void {
    mode.value = MODES[(MODES.indexOf(mode.value) + 1) % MODES.length]!
  }

  return { mode, split, peeking, loupe, setSplit, nextMode }
})
