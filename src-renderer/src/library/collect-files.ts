import { isClutter } from '../../../src-preload/import-filter'
import type { FileToImport } from '../api'

function readFile(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject))
}

/** A directory reader hands out entries in batches until it returns an empty one. */
async function readAllEntries(directory: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = directory.createReader()
  const entries: FileSystemEntry[] = []
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject))
    if (batch.length === 0) return entries
    entries.push(...batch)
  }
}

async function walk(entry: FileSystemEntry, prefix: string, out: FileToImport[]): Promise<void> {
  if (isClutter(entry.name)) return
  const relativePath = prefix ? `${prefix}/${entry.name}` : entry.name
  if (entry.isFile) {
    out.push({ file: await readFile(entry as FileSystemFileEntry), relativePath })
  } else if (entry.isDirectory) {
    for (const child of await readAllEntries(entry as FileSystemDirectoryEntry)) await walk(child, relativePath, out)
  }
}

/**
 * Files and folders dropped on the page, folders walked recursively ("folder/sub/a.jpg").
 * Must be called during the drop event: the browser empties the DataTransfer once the handler returns.
 */
export function collectDropped(transfer: DataTransfer): Promise<FileToImport[]> {
  const entries = [...transfer.items]
    .filter((item) => item.kind === 'file')
    .map((item) => item.webkitGetAsEntry?.() ?? null)
  if (entries.length === 0 || entries.some((entry) => entry === null)) {
    return Promise.resolve([...transfer.files].filter((f) => !isClutter(f.name)).map((file) => ({ file, relativePath: file.name })))
  }
  const out: FileToImport[] = []
  return entries.reduce((done, entry) => done.then(() => walk(entry!, '', out)), Promise.resolve()).then(() => out)
}

/** Files chosen with an `<input type=file>` (a folder picker gives each file its path inside the folder). */
export function collectPicked(files: FileList): FileToImport[] {
  return [...files]
    .filter((file) => !isClutter(file.name) && !file.webkitRelativePath.split('/').some(isClutter))
    .map((file) => ({ file, relativePath: file.webkitRelativePath || file.name }))
}
