import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { EventOf, TrainingRun } from '../../src-preload/contract'
import { readCheckpoint } from '../../src-main/training/checkpoints/checkpoint-file'
import { createDispatcher } from '../../src-main/contract-dispatch'
import { createStudio, type Studio } from '../../src-main/studio'
import { afterTest, tempDir } from '../helpers/temp-dir'
import { copyPhotos } from './data-fixtures'

export const REPO = fileURLToPath(new URL('../..', import.meta.url))

/** A studio on a fresh library (closed after the test) and a dispatcher that validates like a door. */
export function openStudio(root = join(tempDir(), 'library')): { studio: Studio; call: ReturnType<typeof createDispatcher> } {
  const studio = createStudio({ libraryRoot: root, door: 'cli' })
  afterTest(() => void studio.close())
  return { studio, call: createDispatcher(studio.handlers) }
}

/** The value of a successful reply; a refusal fails the test with its error. */
export async function value<T>(reply: Promise<{ ok: boolean; value?: unknown; error?: unknown }>): Promise<T> {
  const r = await reply
  if (!r.ok) throw new Error(JSON.stringify(r.error))
  return r.value as T
}

/** A network small enough to train a few steps in seconds on the CPU. */
export const TINY = { size: 32, ngf: 4, ndf: 4, blocks: 1, steps: 8, decayFrom: 4, poolSize: 2 }

export function photoFolders(root: string): { a: string; b: string } {
  const a = join(root, 'day')
  const b = join(root, 'night')
  copyPhotos('day', 4, a)
  copyPhotos('night', 2, b)
  return { a, b }
}

/** Resolves with the run's row when it next stops running. */
export function stopped(studio: Studio, id: () => string | undefined): Promise<TrainingRun> {
  return new Promise((resolve) => {
    const unsubscribe = studio.subscribe((event, payload) => {
      const { run } = payload as EventOf<'training:changed'>
      if (event === 'training:changed' && run.id === id() && run.status !== 'running') {
        unsubscribe()
        resolve(run)
      }
    })
  })
}

/** Every weight and optimizer moment of the checkpoint at `step`, by name. */
export async function checkpointTensors(runDir: string, step: number): Promise<Map<string, Float32Array>> {
  const { tensors } = await readCheckpoint(join(runDir, 'checkpoints', `step-${step}.ckpt`))
  return new Map(tensors.map((t) => [t.name, t.data]))
}

export function cli(library: string, args: string[]): { child: ChildProcess; output: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>; lines: string[] } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src-main/cli/index.ts', '--library', library, ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] })
  const lines: string[] = []
  let stdout = ''
  let stderr = ''
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk.toString()
    lines.splice(0, lines.length, ...stdout.split('\n'))
  })
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const output = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve, reject) => {
    child.on('error', reject)
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr }))
  })
  return { child, output, lines }
}
