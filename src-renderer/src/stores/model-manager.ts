import type { ModelCard, RequestOf } from '@contract'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { fileForStudio, studio } from '../api'

export type ModelImportOptions = Omit<RequestOf<'models:import'>, 'path'>

interface ImportInProgress {
  fileName: string
  phase: 'uploading' | 'checking'
  cancelling: boolean
}

/** Adding, exporting and removing models; the listing itself is the models store's. */
export const useModelManagerStore = defineStore('model-manager', () => {
  const importing = ref<ImportInProgress | null>(null)
  let controller: AbortController | null = null

  /** Resolves to the new (or already installed) card; undefined when cancelled before the studio took the file. */
  async function importFile(file: File, options: ModelImportOptions): Promise<{ model: ModelCard; duplicate: boolean } | undefined> {
    if (importing.value) return undefined
    controller = new AbortController()
    const signal = controller.signal
    importing.value = { fileName: file.name, phase: 'uploading', cancelling: false }
    try {
      const path = await fileForStudio(file, signal)
      if (signal.aborted) return undefined
      importing.value.phase = 'checking'
      return await studio.models.import({ path, ...options })
    } catch (err) {
      if (signal.aborted) return undefined
      throw err
    } finally {
      importing.value = null
      controller = null
    }
  }

  /** Stops an upload; once the studio is checking the file it finishes (a few seconds at most). */
  function cancelImport(): void {
    if (!importing.value || importing.value.phase !== 'uploading') return
    importing.value.cancelling = true
    controller?.abort()
  }

  /** Refused with code 'exists' when a file is there, unless `overwrite`. */
  async function exportModel(id: string, targetPath: string, overwrite = false): Promise<string> {
    return (await studio.models.export({ id, targetPath, overwrite })).path
  }

  async function remove(id: string): Promise<void> {
    await studio.models.remove({ id })
  }

  return { importing, importFile, cancelImport, exportModel, remove }
})
