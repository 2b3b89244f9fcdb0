import { defineStore } from 'pinia'
import { ref, watch } from 'vue'

export const views = ['library', 'editor', 'train', 'batch', 'models', 'settings'] as const
type ViewName = (typeof views)[number]

function viewFromHash(): ViewName {
  const name = location.hash.replace(/^#\/?/, '')
  return (views as readonly string[]).includes(name) ? (name as ViewName) : 'library'
}

/** Which view is showing; mirrored in the address hash so a reload stays put. */
export const useNavigationStore = defineStore('navigation', () => {
  const current = ref<ViewName>(viewFromHash())
  watch(current, (view) => history.replaceState(history.state, '', `#/${view}`))
  window.addEventListener('hashchange', () => (current.value = viewFromHash()))

  function go(view: ViewName): void {
    current.value = view
  }

  return { current, go }
})
