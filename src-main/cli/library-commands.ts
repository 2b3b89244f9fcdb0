import { resolve } from 'node:path'
import type { ImageSummary } from '../../src-preload/contract'
import { CliError, type Client } from './client'
import { progressBar } from './progress-bar'

/** Names and tags come from users' files: never let them drive the terminal. */
function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?')
}

function formatImage(image: ImageSummary): string {
  const tags = image.tags.length ? `  [${image.tags.map(printable).join(', ')}]` : ''
  return `${String(image.id).padStart(6)}  ${image.width}×${image.height}  ${image.format.padEnd(5)}  ${printable(image.name)}${tags}`
}

async function projectIdByName(client: Client, name: string): Promise<number> {
  const { projects } = await client.call('library:projects', {})
  const found = projects.find((p) => p.name.toLowerCase() === name.toLowerCase())
  return found ? found.id : (await client.call('library:createProject', { name })).id
}

export async function importCommand(client: Client, paths: string[], project?: string): Promise<number> {
  if (!paths.length) throw new CliError('library import: give at least one file or folder')
  const projectId = project ? await projectIdByName(client, project) : undefined
  const { jobId } = await client.call('library:import', { sources: paths.map((p) => ({ path: resolve(p) })), projectId })
  const bar = progressBar('importing')
  const cancel = () => void client.call('jobs:cancel', { jobId })
  process.once('SIGINT', cancel)
  const job = await client.waitForJob(jobId, (s) => bar.update(s.done, s.total, s.current && printable(s.current)))
  process.off('SIGINT', cancel)
  bar.end()
  const report = job.report
  if (job.status === 'failed' || !report) throw new CliError(job.error ?? 'import failed')
  console.log(`${job.status === 'cancelled' ? 'Cancelled. ' : ''}Imported ${report.imported.length}, duplicates ${report.duplicates.length}, failed ${report.failed.length}.`)
  for (const dup of report.duplicates) console.log(`  duplicate: ${printable(dup.name)} (already image ${dup.existingId})`)
  for (const fail of report.failed) console.log(`  failed: ${printable(fail.name)} — ${printable(fail.reason)}`)
  return report.failed.length ? 1 : 0
}

export async function listCommand(client: Client, opts: { query?: string; tag?: string; trashed: boolean; limit: number }): Promise<number> {
  const { total, items } = await client.call('library:list', { query: opts.query, tag: opts.tag, trashed: opts.trashed, limit: opts.limit })
  for (const image of items) console.log(formatImage(image))
  console.log(`${items.length} of ${total} image(s)`)
  return 0
}

export async function tagCommand(client: Client, ids: number[], add: string[], remove: string[]): Promise<number> {
  const { count } = await client.call('library:setTags', { ids, add, remove })
  console.log(`Updated tags on ${count} image(s).`)
  return 0
}

export async function trashCommand(client: Client, action: 'trash' | 'restore', ids: number[]): Promise<number> {
  const { count } = await client.call(action === 'trash' ? 'library:trash' : 'library:restore', { ids })
  console.log(`${action === 'trash' ? 'Moved to trash' : 'Restored'}: ${count} image(s).`)
  return 0
}

export async function emptyTrashCommand(client: Client): Promise<number> {
  const { count } = await client.call('library:emptyTrash', {})
  console.log(`Deleted ${count} image(s) permanently.`)
  return 0
}

export async function projectsCommand(client: Client): Promise<number> {
  const { projects } = await client.call('library:projects', {})
  for (const p of projects) console.log(`${String(p.id).padStart(4)}  ${printable(p.name)}  (${p.imageCount} images)`)
  if (!projects.length) console.log('No projects yet.')
  return 0
}
