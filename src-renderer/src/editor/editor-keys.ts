/** What a key press asks the Editor to do: an action's name and its arguments. */
export type EditorKeyAction =
  | ['zoomIn' | 'zoomOut' | 'fit' | 'actualSize' | 'undo' | 'redo' | 'exportShown' | 'brushSmaller' | 'brushLarger' | 'loupe' | 'nextMode' | 'peek']
  | ['pan', number, number, boolean]
  | ['tool', 'pan' | 'paint' | 'erase']

type KeyPress = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey' | 'repeat'>

const PLAIN: Record<string, EditorKeyAction> = {
  '+': ['zoomIn'],
  '=': ['zoomIn'],
  '-': ['zoomOut'],
  _: ['zoomOut'],
  '0': ['fit'],
  f: ['fit'],
  '1': ['actualSize'],
  h: ['tool', 'pan'],
  b: ['tool', 'paint'],
  e: ['tool', 'erase'],
  '[': ['brushSmaller'],
  ']': ['brushLarger'],
  l: ['loupe'],
  v: ['nextMode']
}
const PAN: Record<string, [number, number]> = { ArrowLeft: [1, 0], ArrowRight: [-1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] }

/**
 * The Editor's keys: + − 0 F 1 zoom, arrows pan (Shift: further), H B E pick the hand, brush or eraser, [ ] size
 * the brush, L the loupe, V the compare mode, the peek key shows the original while held; Ctrl/⌘+Z undoes,
 * Ctrl/⌘+Shift+Z or Ctrl+Y redoes, Ctrl/⌘+S exports.
 */
export function editorKeyAction(event: KeyPress, peekKey: string): EditorKeyAction | null {
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key
  if (event.altKey) return null
  if (event.ctrlKey || event.metaKey) {
    if (key === 'z') return event.shiftKey ? ['redo'] : ['undo']
    if (key === 'y' && !event.shiftKey) return ['redo']
    if (key === 's' && !event.shiftKey) return ['exportShown']
    return null
  }
  if (event.key === peekKey) return event.repeat ? null : ['peek']
  const pan = PAN[event.key]
  if (pan) return ['pan', pan[0], pan[1], event.shiftKey]
  return PLAIN[key] ?? null
}
