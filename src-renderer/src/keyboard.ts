import { onBeforeUnmount, onMounted } from 'vue'

/** Whether a key press belongs to a text field (or a list box) rather than to the view's shortcuts. */
export function isTyping(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null
  if (!target) return false
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)
}

function hasOpenDialog(): boolean {
  return document.querySelector('dialog[open]') !== null
}

/** Listens on the window while the calling component is mounted (or active, when kept alive). */
export function useWindowKeys(handler: (event: KeyboardEvent) => void, lifecycle = { on: onMounted, off: onBeforeUnmount }): void {
  lifecycle.on(() => window.addEventListener('keydown', handler))
  lifecycle.off(() => window.removeEventListener('keydown', handler))
}

/** Ctrl/Cmd+1…6 switch views; Esc cancels the running import. */
export function useGlobalKeys(actions: { goTo(index: number): void; escape(): void }): void {
  useWindowKeys((event) => {
    const digit = Number(event.key)
    if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && digit >= 1 && digit <= 6) {
      event.preventDefault()
      actions.goTo(digit - 1)
    } else if (event.key === 'Escape' && !event.defaultPrevented && !hasOpenDialog()) {
      actions.escape()
    }
  })
}
