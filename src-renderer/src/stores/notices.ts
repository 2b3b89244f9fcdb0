import { defineStore } from 'pinia'
import { ref } from 'vue'

interface Notice {
  id: number
  kind: 'error' | 'info'
  text: string
}

const SHOWN_MS = 8000

/** Short messages for the user: failures of actions and confirmations of what just happened. */
export const useNoticesStore = defineStore('notices', () => {
  const notices = ref<Notice[]>([])
  let nextId = 1

  function dismiss(id: number): void {
    notices.value = notices.value.filter((n) => n.id !== id)
  }

  function push(kind: Notice['kind'], text: string): void {
    const id = nextId++
    notices.value = [...notices.value.slice(-3), { id, kind, text }]
    setTimeout(() => dismiss(id), SHOWN_MS)
  }

  /** Runs a store action, turning a rejection into an error notice; resolves to undefined on failure. */
  async function guard<T>(action: () => Promise<T>): Promise<T | undefined> {
    try {
      return await action()
    } catch (err) {
      push('error', err instanceof Error ? err.message : String(err))
      return undefined
    }
  }

  return { notices, push, dismiss, guard }
})
