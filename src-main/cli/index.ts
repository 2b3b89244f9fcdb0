import { parseArgs } from 'node:util'
import { serve } from '../bridge/serve'
import { version } from '../../package.json'
import { StudioError } from '../common/studio-error'
import { CliError, openClient, type Client } from './client'
import { wholeNumber, wholeNumbers } from './whole-numbers'
import { convertCommand } from './convert-command'
import { trainCommand } from './train-command'
import { emptyTrashCommand, importCommand, listCommand, projectsCommand, tagCommand, trashCommand } from './library-commands'
import { modelsExportCommand, modelsImportCommand, modelsListCommand, modelsRemoveCommand } from './models-commands'

const HELP = `gan-studio ${version} — offline image-to-image studio

Usage: gan-studio <command> [options]

Commands:
  convert --model <id> <image> -o <file> [--render-size N] [--working-size N] [--strength S]
          [--format png|jpeg|webp|tiff] [--quality Q] [--provider auto|cpu|cuda|webgpu|dml|coreml]
                                 apply a model to one image (format from -o's extension unless given;
                                 Ctrl+C cancels, and the input is never overwritten; the provider
                                 defaults to the one chosen in Settings)
  train --a <dir> [--b <dir>] --name <n> [--mode cyclegan|pix2pix|colorize] [--preset fast|reference]
        [--steps N] [--size N] [--recompute auto|off|blocks|generator] [--sample-every N] [--checkpoint-every N]
        [--from <model id>] [--save]
  train --resume <run> [--steps N] [--recompute auto|off|blocks|generator] [--save]
                                 train a generator on photo folders in the foreground (two folders:
                                 CycleGAN); --from fine-tunes an installed model's generator instead of
                                 starting from scratch; --recompute trades time for memory (auto: picked by
                                 backend and network size; a resumed run may change it); Ctrl+C pauses at a checkpoint; --save adds it to the models
  library import <file|folder>... [--project NAME]   copy photos into the library (originals untouched)
  library list [--query TEXT] [--tag TAG] [--trash] [--limit N]
  library tag <id>... [--add TAG]... [--remove TAG]...
  library trash <id>...          move images to the trash
  library restore <id>...        bring them back
  library empty-trash            delete trashed images for good
  library projects               list projects
  models list                    built-in, trained and imported models
  models import <file.onnx> [--id ID] [--name NAME] [--task TASK]
                                 check a generator and copy it into the library
  models remove <id>             remove an imported or trained model
  models export <id> -o <file>   write a model out as a portable .onnx file
  info                           version, library folder, compute backends
  serve [--port N]               serve the studio to a browser on 127.0.0.1 (prints the URL with its token)

Options:
  --library DIR   the library folder (default: $GAN_STUDIO_HOME, else the app's own library)
  -h, --help      this text
  -v, --version   the version`

const options = {
  library: { type: 'string' },
  project: { type: 'string' },
  id: { type: 'string' },
  name: { type: 'string' },
  task: { type: 'string' },
  output: { type: 'string', short: 'o' },
  query: { type: 'string' },
  tag: { type: 'string' },
  add: { type: 'string', multiple: true, default: [] as string[] },
  remove: { type: 'string', multiple: true, default: [] as string[] },
  trash: { type: 'boolean', default: false },
  limit: { type: 'string', default: '200' },
  port: { type: 'string', default: '0' },
  model: { type: 'string' },
  a: { type: 'string' },
  b: { type: 'string' },
  mode: { type: 'string' },
  preset: { type: 'string' },
  steps: { type: 'string' },
  size: { type: 'string' },
  recompute: { type: 'string' },
  'sample-every': { type: 'string' },
  'checkpoint-every': { type: 'string' },
  resume: { type: 'string' },
  from: { type: 'string' },
  save: { type: 'boolean', default: false },
  'render-size': { type: 'string' },
  'working-size': { type: 'string' },
  strength: { type: 'string' },
  format: { type: 'string' },
  quality: { type: 'string' },
  provider: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', short: 'v', default: false }
} as const

async function runLibrary(client: Client, action: string | undefined, args: string[], values: ReturnType<typeof parse>['values']): Promise<number> {
  switch (action) {
    case 'import': return importCommand(client, args, values.project)
    case 'list': return listCommand(client, { query: values.query, tag: values.tag, trashed: values.trash, limit: wholeNumber(values.limit, '--limit', 1, 1000) })
    case 'tag': return tagCommand(client, wholeNumbers(args, 'library tag <id>...'), values.add, values.remove)
    case 'trash':
    case 'restore': return trashCommand(client, action, wholeNumbers(args, `library ${action} <id>...`))
    case 'empty-trash': return emptyTrashCommand(client)
    case 'projects': return projectsCommand(client)
    default: throw new CliError(`unknown library command "${action ?? ''}"; see gan-studio --help`)
  }
}

async function runModels(client: Client, action: string | undefined, args: string[], values: ReturnType<typeof parse>['values']): Promise<number> {
  switch (action) {
    case 'list': return modelsListCommand(client)
    case 'import': return modelsImportCommand(client, args, { id: values.id, name: values.name, task: values.task })
    case 'remove': return modelsRemoveCommand(client, args)
    case 'export': return modelsExportCommand(client, args, values.output)
    default: throw new CliError(`unknown models command "${action ?? ''}"; see gan-studio --help`)
  }
}

function parse(argv: string[]) {
  return parseArgs({ args: argv, options, allowPositionals: true, strict: true })
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv)
  const [command, action, ...rest] = positionals
  if (values.version) return void console.log(version), 0
  if (values.help || !command) return void console.log(HELP), 0
  if (command === 'serve') {
    await serve({ library: values.library, port: wholeNumber(values.port, '--port', 0, 65535) })
    return -1
  }
  const client = openClient(values.library)
  try {
    if (command === 'library') return await runLibrary(client, action, rest, values)
    if (command === 'models') return await runModels(client, action, rest, values)
    if (command === 'convert') {
      const { model, output, strength, format, quality, provider } = values
      return await convertCommand(client, positionals.slice(1), { model, output, renderSize: values['render-size'], workingSize: values['working-size'], strength, format, quality, provider })
    }
    if (command === 'train') {
      const { a, b, name, mode, preset, steps, size, recompute, resume, from, save } = values
      return await trainCommand(client, { a, b, name, mode, preset, steps, size, recompute, resume, from, save, sampleEvery: values['sample-every'], checkpointEvery: values['checkpoint-every'] })
    }
    if (command === 'info') {
      console.log(JSON.stringify(await client.call('settings:system', {}), null, 2))
      return 0
    }
    throw new CliError(`unknown command "${command}"; see gan-studio --help`)
  } finally {
    await client.close()
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code
  },
  (err: unknown) => {
    const known = err instanceof CliError || err instanceof StudioError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    console.error(`gan-studio: ${known ? (err as Error).message : 'unexpected error'}`)
    if (!known) console.error(err)
    process.exitCode = 2
  }
)
