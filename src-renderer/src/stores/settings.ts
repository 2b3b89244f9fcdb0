import type { ExecutionProvider, Language, SystemInfo } from '@contract'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { onConnectionState, studio, type ConnectionState } from '../api'
import { applyLanguage } from '../i18n'

/** The user's settings and what the studio reports about itself (version, library, compute backends). */
export const useSettingsStore = defineStore('settings', () => {
  const language = ref<Language>('en')
  const provider = ref<ExecutionProvider>('auto')
  const system = ref<SystemInfo | null>(null)
  const connection = ref<ConnectionState>('online')

  async function load(): Promise<void> {
    const [settings, info] = await Promise.all([studio.settings.get({}), studio.settings.system({})])
    language.value = settings.language
    provider.value = settings.provider
    applyLanguage(settings.language)
    system.value = info
  }

  async function setLanguage(next: Language): Promise<void> {
    const previous = language.value
    language.value = next
    applyLanguage(next)
    try {
      await studio.settings.set({ language: next })
    } catch (err) {
      language.value = previous
      applyLanguage(previous)
      throw err
    }
  }

  /** The execution provider the Editor and batches prefer; the status bar says what it resolves to here. */
  async function setProvider(next: ExecutionProvider): Promise<void> {
    const previous = provider.value
    provider.value = next
    try {
      await studio.settings.set({ provider: next })
      system.value = await studio.settings.system({})
    } catch (err) {
      provider.value = previous
      throw err
    }
  }

  onConnectionState((state) => (connection.value = state))

  return { language, provider, system, connection, load, setLanguage, setProvider }
})
