/** Where a key press moves the focus in a grid of `columns` columns, or null when the key is not a move. */
export function nextIndex(key: string, index: number, columns: number, pageRows: number, total: number): number | null {
  const moves: Record<string, number> = {
    ArrowLeft: index - 1,
    ArrowRight: index + 1,
    ArrowUp: index - columns,
    ArrowDown: index + columns,
    PageUp: index - columns * pageRows,
    PageDown: index + columns * pageRows,
    Home: 0,
    End: total - 1
  }
  if (!(key in moves) || total === 0) return null
  return Math.max(0, Math.min(total - 1, moves[key]))
}
