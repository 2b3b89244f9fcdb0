// Starts bench_worker.py under Debian's Python with PyTorch (installing python3-torch through apt when it is
// missing) and talks to it one JSON line at a time.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createInterface } from 'node:readline'

const WORKER = new URL('./bench_worker.py', import.meta.url).pathname
/** Debian's python3-torch lives in /usr/lib/python3/dist-packages, which only Debian's own interpreter sees. */
export const PYTHON = process.env.PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3')
/**
 * Debian's python3-torch links libblas.so.3; with only the reference BLAS behind it, PyTorch's ConvTranspose
 * (which goes through BLAS, not oneDNN) is over 10× slower (702 vs 39 ms at 256² here). OpenBLAS makes the baseline fair.
 */
const PACKAGES = ['python3-torch', 'libopenblas0-pthread']

/** PyTorch slows down several-fold with these set (see the issue); they are removed for the worker only. */
function torchEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env }
  delete env.OPENBLAS_CORETYPE
  delete env.OPENBLAS_L2_SIZE
  return env
}

const installed = (pkg: string): boolean => spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' }).stdout === 'install ok installed'
const torchImports = (): boolean => spawnSync(PYTHON, ['-c', 'import torch'], { env: torchEnv(), stdio: 'ignore' }).status === 0

/** Why apt-get cannot install here, or undefined when it can try. */
function aptRefusal(): string | undefined {
  if (spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status !== 0) return 'apt-get is not available'
  if (process.getuid?.() !== 0) return 'apt-get needs root'
  return undefined
}

function aptInstall(packages: readonly string[]): string | undefined {
  const refusal = aptRefusal()
  if (refusal) return refusal
  console.log(`installing ${packages.join(', ')} with apt-get…`)
  for (const args of [['update'], ['install', '-y', ...packages]]) {
    const run = spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
    if (run.status !== 0) return `apt-get ${args[0]} failed (exit ${run.status})`
  }
  return undefined
}

/** Installs PyTorch (and OpenBLAS under Debian's build) where missing; exits the bench, saying why, when PyTorch cannot run. */
export function ensureTorch(): void {
  if (!torchImports()) {
    const failure = aptInstall(PACKAGES)
    if (failure) {
      console.error(`PyTorch is needed (${PYTHON} -c "import torch" fails) and cannot be installed: ${failure}.`)
      process.exit(1)
    }
    if (!torchImports()) {
      console.error(`python3-torch is installed but ${PYTHON} cannot import torch; point PYTHON at Debian's /usr/bin/python3.`)
      process.exit(1)
    }
  } else if (installed('python3-torch') && !installed('libopenblas0-pthread')) {
    const failure = aptInstall(['libopenblas0-pthread'])
    if (failure) console.warn(`OpenBLAS not installed (${failure}): PyTorch runs on the reference BLAS, its ConvTranspose over 10× slower than it should be.`)
  }
}

export class TorchWorker {
  private readonly child: ChildProcessWithoutNullStreams
  private readonly replies: AsyncIterator<string>

  constructor() {
    this.child = spawn(PYTHON, [WORKER], { env: torchEnv(), cwd: new URL('.', import.meta.url).pathname })
    this.child.stderr.pipe(process.stderr)
    this.replies = createInterface({ input: this.child.stdout })[Symbol.asyncIterator]()
  }

  async request<T>(message: Record<string, unknown>): Promise<T> {
    this.child.stdin.write(`${JSON.stringify(message)}\n`)
    const line = await this.replies.next()
    if (line.done) throw new Error(`the PyTorch worker exited (code ${this.child.exitCode})`)
    const reply = JSON.parse(line.value) as T & { error?: string }
    if (reply.error) throw new Error(`PyTorch worker: ${reply.error}`)
    return reply
  }

  close(): void {
    this.child.stdin.end()
  }
}
