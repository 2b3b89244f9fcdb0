import { describe, expect, it } from 'vitest'
import { UndoHistory } from '../../src-renderer/src/editor/undo-history'

/** A list that steps add to and take from, as mask strokes and shown versions are. */
function counter(history: UndoHistory) {
  const items: string[] = []
  return {
    items,
    add(item: string) {
      items.push(item)
      history.push({ undo: () => items.splice(items.indexOf(item), 1), redo: () => items.push(item) })
    }
  }
}

describe('UndoHistory', () => {
  it('undoes newest first, redoes in order, and forgets redo once something new is done', () => {
    const history = new UndoHistory()
    const list = counter(history)
    expect([history.canUndo, history.canRedo]).toEqual([false, false])
    list.add('a')
    list.add('b')
    list.add('c')
    expect(history.undo()).toBe(true)
    expect(history.undo()).toBe(true)
    expect(list.items).toEqual(['a'])
    expect(history.redo()).toBe(true)
    expect(list.items).toEqual(['a', 'b'])
    list.add('d')
    expect(history.canRedo).toBe(false)
    expect(history.redo()).toBe(false)
    expect(list.items).toEqual(['a', 'b', 'd'])
    while (history.undo());
    expect(list.items).toEqual([])
    expect(history.undo()).toBe(false)
  })

  it('keeps at most its limit of steps, dropping the oldest', () => {
    const history = new UndoHistory(2)
    const list = counter(history)
    for (const item of ['a', 'b', 'c']) list.add(item)
    while (history.undo());
    expect(list.items).toEqual(['a'])
  })
})
