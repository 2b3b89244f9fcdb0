import { useI18n } from 'vue-i18n'
import { useEditorStore } from '../stores/editor'
import { useLibraryStore } from '../stores/library'
import { useNavigationStore } from '../stores/navigation'
import { useNoticesStore } from '../stores/notices'
import { useProjectsStore } from '../stores/projects'
import { useSelectionStore } from '../stores/selection'

/** What the Library's buttons and keys do with the selection, with a notice for the outcome. */
export function useLibraryActions() {
  const { t } = useI18n()
  const library = useLibraryStore()
  const selection = useSelectionStore()
  const notices = useNoticesStore()

  function openInEditor(id: number): void {
    void useEditorStore().open(id)
    useNavigationStore().go('editor')
  }

  async function trashSelection(): Promise<void> {
    const ids = selection.list
    if (ids.length === 0 || library.filter.trashed) return
    const count = await notices.guard(() => library.trash(ids))
    if (count === undefined) return
    selection.clear()
    notices.push('info', t('trash.moved', count))
  }

  async function restoreSelection(): Promise<void> {
    const ids = selection.list
    if (ids.length === 0) return
    const count = await notices.guard(() => library.restore(ids))
    if (count === undefined) return
    selection.clear()
    notices.push('info', t('trash.restored', count))
  }

  async function emptyTrash(): Promise<void> {
    const count = await notices.guard(() => library.emptyTrash())
    if (count !== undefined) notices.push('info', t('trash.emptied', count))
  }

  async function removeSelectionFromProject(): Promise<void> {
    const projectId = library.filter.projectId
    const ids = selection.list
    if (projectId === null || ids.length === 0) return
    const count = await notices.guard(() => useProjectsStore().removeImages(projectId, ids))
    if (count !== undefined) selection.clear()
  }

  async function tagSelection(add: string[], remove: string[]): Promise<void> {
    const ids = selection.list
    if (ids.length) await notices.guard(() => library.setTags(ids, add, remove))
  }

  return { openInEditor, trashSelection, restoreSelection, emptyTrash, removeSelectionFromProject, tagSelection }
}
