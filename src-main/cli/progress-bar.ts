/** A one-line progress bar on a terminal; plain lines when stdout is not a TTY. */
export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr) {
  let lastLine = ''
  return {
    update(done: number, total: number, current?: string) {
      const width = 28
      const filled = total ? Math.round((done / total) * width) : 0
      const line = `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}${current ? ` ${current}` : ''}`
      if (!stream.isTTY) {
        if (total > 0 && done === total && line !== lastLine) stream.write(line + '\n')
      } else {
        stream.write(`\r${line.slice(0, (stream.columns ?? 100) - 1).padEnd(Math.min(lastLine.length, (stream.columns ?? 100) - 1))}`)
      }
      lastLine = line
    },
    end() {
      if (stream.isTTY && lastLine) stream.write('\n')
    }
  }
}
