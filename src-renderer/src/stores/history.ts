import { defineStore } from 'pinia'
import { ref } from 'vue'
import { UndoHistory, type UndoStep } from '../editor/undo-history'

/** The Editor's one undo timeline: mask strokes and applied versions, in the order they happened. */
export const useHistoryStore = defineStore('history', () => {
  const history = new UndoHistory()
  const canUndo = ref(false)
  const canRedo = ref(false)

  function sync(): void {
    canUndo.value = history.canUndo
    canRedo.value = history.canRedo
  }

  function push(step: UndoStep): void {
    history.push(step)
    sync()
  }

  function undo(): void {
    history.undo()
    sync()
  }

  function redo(): void {
    history.redo()
    sync()
  }

  function clear(): void {
    history.clear()
    sync()
  }

  return { canUndo, canRedo, push, undo, redo, clear }
})
