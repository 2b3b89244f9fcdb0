import { describe, expect, it } from 'vitest'
import { editorKeyAction } from '../../src-renderer/src/editor/editor-keys'

const press = (key: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey' | 'repeat', boolean>> = {}) =>
  editorKeyAction({ key, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, repeat: false, ...mods }, '\\')

describe('editorKeyAction', () => {
  it.each([
    ['b', {}, ['tool', 'paint']],
    ['E', { shiftKey: true }, ['tool', 'erase']],
    ['h', {}, ['tool', 'pan']],
    ['[', {}, ['brushSmaller']],
    [']', {}, ['brushLarger']],
    ['l', {}, ['loupe']],
    ['v', {}, ['nextMode']],
    ['\\', {}, ['peek']],
    ['z', { ctrlKey: true }, ['undo']],
    ['z', { metaKey: true }, ['undo']],
    ['Z', { ctrlKey: true, shiftKey: true }, ['redo']],
    ['y', { ctrlKey: true }, ['redo']],
    ['s', { ctrlKey: true }, ['exportShown']],
    ['ArrowLeft', { shiftKey: true }, ['pan', 1, 0, true]],
    ['F', {}, ['fit']],
    ['1', {}, ['actualSize']]
  ] as const)('%s %o → %o', (key, mods, action) => {
    expect(press(key, mods)).toEqual(action)
  })

  it('ignores a held peek key repeating, Alt combinations and keys it does not know', () => {
    expect(press('\\', { repeat: true })).toBeNull()
    expect(press('b', { altKey: true })).toBeNull()
    expect(press('q')).toBeNull()
    expect(press('x', { ctrlKey: true })).toBeNull()
  })
})
