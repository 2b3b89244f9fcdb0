import type { ModelCard } from '@contract'
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { studio } from '../api'

/** Every task a model card may name, in the order pickers list them. */
export const MODEL_TASKS: readonly ModelCard['task'][] = ['colorize', 'style', 'sketch', 'day-to-night', 'custom']

/** The models the studio can apply (built-in, trained, imported), kept fresh on `models:changed`. Read-only. */
export const useModelsStore = defineStore('models', () => {
  const models = ref<ModelCard[]>([])
  const loaded = ref(false)
  let asked = 0

  /** The latest answer wins: a reply overtaken by a later request is dropped. */
  async function load(): Promise<void> {
    const mine = ++asked
    const reply = await studio.models.list({})
    if (mine !== asked) return
    models.value = reply.models
    loaded.value = true
  }

  function byId(id: string): ModelCard | undefined {
    return models.value.find((m) => m.id === id)
  }

  const byTask = computed(() => {
    const groups = new Map<ModelCard['task'], ModelCard[]>()
    for (const model of models.value) groups.set(model.task, [...(groups.get(model.task) ?? []), model])
    return groups
  })

  studio.on('models:changed', () => void load())

  return { models, loaded, load, byId, byTask }
})
