import { resolve } from 'node:path'
import type { ModelCard, RequestOf } from '../../src-preload/contract'
import { CliError, type Client } from './client'

function formatModel(model: ModelCard): string {
  return `${model.id.padEnd(24)} ${model.task.padEnd(12)} ${model.pipeline.padEnd(10)} ${model.source.padEnd(9)} ${model.name}`
}

export async function modelsListCommand(client: Client): Promise<number> {
  const { models } = await client.call('models:list', {})
  for (const model of models) console.log(formatModel(model))
  console.log(models.length ? `${models.length} model(s)` : 'No models yet: import an .onnx file with `gan-studio models import <file>`.')
  return 0
}

export async function modelsImportCommand(client: Client, args: string[], options: { id?: string; name?: string; task?: string }): Promise<number> {
  if (args.length !== 1) throw new CliError('models import: give exactly one .onnx file')
  // The task is checked by the contract's schema, like every request.
  const { model, duplicate } = await client.call('models:import', { path: resolve(args[0]!), ...options } as RequestOf<'models:import'>)
  console.log(duplicate ? `Already in the library as "${model.id}".` : `Imported "${model.id}" (${model.pipeline}, ${model.input.channels}→${model.output.channels} channels).`)
  return 0
}

export async function modelsRemoveCommand(client: Client, args: string[]): Promise<number> {
  if (args.length !== 1) throw new CliError('models remove: give one model id')
  await client.call('models:remove', { id: args[0]! })
  console.log(`Removed "${args[0]}".`)
  return 0
}

export async function modelsExportCommand(client: Client, args: string[], output?: string): Promise<number> {
  if (args.length !== 1 || !output) throw new CliError('models export: give one model id and -o <file.onnx>')
  const { path } = await client.call('models:export', { id: args[0]!, targetPath: resolve(output) })
  console.log(`Exported to ${path}.`)
  return 0
}
