/** One step that can be taken back and taken again. */
export interface UndoStep {
  undo(): void
  redo(): void
}

const DEFAULT_LIMIT = 200

/** Steps done, newest last, and steps undone, ready to redo; doing something new forgets what was undone. */
export class UndoHistory {
  private readonly done: UndoStep[] = []
  private undone: UndoStep[] = []

  constructor(private readonly limit = DEFAULT_LIMIT) {}

  /** Records a step that has just been done (it is not run again here). */
  push(step: UndoStep): void {
    this.done.push(step)
    if (this.done.length > this.limit) this.done.shift()
    this.undone = []
  }

  undo(): boolean {
    const step = this.done.pop()
    if (!step) return false
    step.undo()
    this.undone.push(step)
    return true
  }

  redo(): boolean {
    const step = this.undone.pop()
    if (!step) return false
    step.redo()
    this.done.push(step)
    return true
  }

  get canUndo(): boolean {
    return this.done.length > 0
  }

  get canRedo(): boolean {
    return this.undone.length > 0
  }

  clear(): void {
    this.done.length = 0
    this.undone = []
  }
}
