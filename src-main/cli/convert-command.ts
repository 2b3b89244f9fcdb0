import { extname, resolve } from 'node:path'
import { ExecutionProvider } from '../../src-preload/contract'
import { ImageError, type OutputFormat } from '../imaging'
import { convertFile } from '../inference/apply-convert'
import type { ApplyOptions } from '../inference/apply-model'
import { ModelLoadError } from '../inference/ort-session'
import { CliError, type Client } from './client'
import { progressBar } from './progress-bar'
import { wholeNumber } from './whole-numbers'

export interface ConvertFlags {
  model?: string
  output?: string
  renderSize?: string
  workingSize?: string
  strength?: string
  format?: string
  quality?: string
  provider?: string
}

const FORMATS: Readonly<Record<string, OutputFormat>> = { png: 'png', jpeg: 'jpeg', jpg: 'jpeg', webp: 'webp', tiff: 'tiff', tif: 'tiff' }
/** What a shell reports for a process ended by Ctrl+C (128 + SIGINT). */
const CANCELLED = 130

/** `convert --model <id> <image> -o <out>`: applies a model to one image and writes the result. */
export async function convertCommand(client: Client, args: string[], flags: ConvertFlags): Promise<number> {
  if (args.length !== 1 || !flags.model || !flags.output) throw new CliError('convert: give --model <id>, one image and -o <output file>')
  const [inputPath, outputPath] = [resolve(args[0]!), resolve(flags.output)]
  const format = outputFormat(flags.format, outputPath)
  const quality = flags.quality === undefined ? undefined : wholeNumber(flags.quality, '--quality', 1, 100)
  if (quality !== undefined && format !== 'jpeg' && format !== 'webp') throw new CliError(`--quality applies to jpeg and webp, not ${format}`)
  const strength = flags.strength === undefined ? undefined : Number(flags.strength)
  if (strength !== undefined && !(flags.strength!.trim() !== '' && strength >= 0 && strength <= 1)) throw new CliError(`--strength: expected a number from 0 to 1, got "${flags.strength}"`)

  const provider = flags.provider === undefined ? client.studio.library.getSettings().provider : ExecutionProvider.safeParse(flags.provider).data
  if (!provider) throw new CliError(`--provider: expected one of ${ExecutionProvider.options.join(', ')}, got "${flags.provider}"`)

  // No inference channel in the contract yet: the CLI reaches the studio's own registry directly.
  const registry = await client.studio.models()
  const controller = new AbortController()
  const cancel = () => controller.abort(new CliError('cancelled'))
  process.once('SIGINT', cancel)
  const bar = progressBar('convert')
  const options: ApplyOptions = {
    renderSize: flags.renderSize === undefined ? undefined : wholeNumber(flags.renderSize, '--render-size', 1, 65_536),
    workingSize: flags.workingSize === undefined ? undefined : wholeNumber(flags.workingSize, '--working-size', 1, 65_536),
    strength,
    provider,
    signal: controller.signal,
    onProgress: (done, total) => bar.update(done, total)
  }
  try {
    const result = await convertFile(registry, { modelId: flags.model, inputPath, outputPath, format, quality, options })
    bar.end()
    console.log(`Wrote ${outputPath} (${result.width}×${result.height} ${format}) in ${(result.milliseconds / 1000).toFixed(2)} s; ${result.note}.`)
    return 0
  } catch (err) {
    bar.end()
    if (controller.signal.aborted) return void console.error('gan-studio: cancelled; nothing was written'), CANCELLED
    if (err instanceof ImageError) throw new CliError(`${inputPath}: ${err.message}`)
    if (err instanceof ModelLoadError) throw new CliError(`model "${flags.model}": ${err.message}`)
    // File-system failures (an output folder that cannot be written, a full disk) name their path.
    if ((err as NodeJS.ErrnoException).syscall) throw new CliError((err as Error).message)
    throw err
  } finally {
    process.off('SIGINT', cancel)
  }
}

function outputFormat(flag: string | undefined, outputPath: string): OutputFormat {
  const named = flag ?? extname(outputPath).slice(1)
  const format = FORMATS[named.toLowerCase()]
  if (format) return format
  throw new CliError(flag ? `--format: expected png, jpeg, webp or tiff, got "${flag}"` : `cannot tell the format from "${outputPath}"; give --format png|jpeg|webp|tiff`)
}
