// Seconds per CycleGAN training step (batch 1) through the studio's own trainer on the wasm backend, side by
// side with PyTorch on the CPU training the same networks (bench/torch-train/cyclegan_step.py), plus peak RSS.
// Each measurement is a fresh child process, so its peak RSS and its wasm heap (capped at 4 GB) are its own.
import { spawn } from 'node:child_process'
import { cpus, loadavg } from 'node:os'
import { join } from 'node:path'
import { fixed, loadLine, machineLine, median, megabytes, peakRssKb, saveResults } from './stats'

const STEPS = Number(process.env.STEPS ?? 3)
/** PyTorch single-threaded like wasm (the engines compared), and with every core (what a user gets). */
const TORCH_THREADS = [...new Set([1, cpus().length])]
const SIZES = (process.env.SIZES ?? '128,256').split(',').map(Number)
type Level = 'off' | 'blocks' | 'generator'

interface Net {
  label: string
  preset: 'fast' | 'reference'
  ngf: number
  ndf: number
  blocks: number
  upsampling: 'transpose' | 'resize-conv'
}
const NETS: Net[] = [
  { label: 'fast preset (ngf 16, ndf 32, 6 blocks, resize-conv)', preset: 'fast', ngf: 16, ndf: 32, blocks: 6, upsampling: 'resize-conv' },
  { label: 'reference network (ngf 64, ndf 64, 9 blocks, transposed conv)', preset: 'reference', ngf: 64, ndf: 64, blocks: 9, upsampling: 'transpose' }
]
/** The recompute levels measured per size and network: reference 128² without recompute runs out of wasm memory. */
const LEVELS: Record<number, Record<Net['preset'], Level[]>> = {
  128: { fast: ['off', 'blocks'], reference: ['blocks', 'generator'] },
  256: { fast: [], reference: ['generator'] }
}

interface ChildRequest {
  preset: Net['preset']
  size: number
  recompute: Level
  steps: number
}
interface Measurement {
  seconds?: number[]
  peakRssKb?: number
  wasmHeapMb?: number
  error?: string
  note?: string
}

/** In the child: one trainer on the wasm backend, `steps` steps on seeded random images, the first untimed. */
async function childRun(request: ChildRequest): Promise<Measurement> {
  const tf = await import('@tensorflow/tfjs')
  const { selectTrainingBackend } = await import('../src-main/training/backend/select-backend')
  const { resolveConfig } = await import('../src-main/training/config')
  const { createTrainer } = await import('../src-main/training/trainer')
  const backend = await selectTrainingBackend(['wasm'])
  const config = resolveConfig(request.preset, { mode: 'cyclegan', size: request.size, recompute: request.recompute })
  const trainer = await createTrainer(config)
  const pixels = request.size * request.size * 3
  const image = (seed: number) => Float32Array.from({ length: pixels }, (_, i) => Math.sin(i * 0.37 + seed) * 0.9)
  const seconds: number[] = []
  const heap = () => ((tf.backend() as unknown as { wasm: { HEAPU8: Uint8Array } }).wasm.HEAPU8.length / 2 ** 20)
  try {
    for (let i = 0; i < request.steps; i++) {
      const stats = await trainer.trainStep({ a: image(i), b: image(100 + i) })
      if (i > 0) seconds.push(stats.ms / 1000)
    }
    return { seconds, peakRssKb: peakRssKb(), wasmHeapMb: heap(), note: backend.note }
  } catch (err) {
    return { error: (err instanceof Error ? err.message : String(err)).split('\n')[0]!.slice(0, 200), peakRssKb: peakRssKb(), wasmHeapMb: heap(), seconds }
  }
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<Measurement> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.stderr.on('data', (d: Buffer) => (err += d.toString()))
    child.on('close', (code, signal) => {
      const line = out.trim().split('\n').reverse().find((l) => l.startsWith('{'))
      if (line) resolve(JSON.parse(line) as Measurement)
      else resolve({ error: `exited ${signal ?? code}: ${err.trim().split('\n').slice(-1)[0]?.slice(0, 200) ?? ''}` })
    })
  })
}

const tfjsStep = (net: Net, size: number, recompute: Level): Promise<Measurement> =>
  run(process.execPath, ['--import', 'tsx', import.meta.filename, '--child', JSON.stringify({ preset: net.preset, size, recompute, steps: STEPS })], process.env)

function torchStep(net: Net, size: number, threads: number): Promise<Measurement> {
  const env = { ...process.env }
  delete env['OPENBLAS_CORETYPE']
  delete env['OPENBLAS_L2_SIZE']
  const options = { size, ngf: net.ngf, ndf: net.ndf, blocks: net.blocks, dLayers: 3, upsampling: net.upsampling, steps: STEPS, threads }
  return run('/usr/bin/python3', [join(import.meta.dirname, 'torch-train', 'cyclegan_step.py'), JSON.stringify(options)], env)
}

const describe = (m: Measurement): string => {
  const memory = `peak RSS ${m.peakRssKb ? megabytes(m.peakRssKb) : '?'}${m.wasmHeapMb ? `, wasm heap ${Math.round(m.wasmHeapMb)} MB` : ''}`
  if (m.error) return `FAILED (${m.error}) after ${m.seconds?.length ?? 0} timed steps, ${memory}`
  return `${fixed(median(m.seconds!), 2)} s/step (${m.seconds!.map((s) => fixed(s, 2)).join(', ')}), ${memory}`
}

async function main(): Promise<void> {
  console.log(`machine: ${machineLine()}; ${loadLine()}`)
  console.log(`${STEPS} steps per measurement, the first untimed; PyTorch with ${TORCH_THREADS.join(' and ')} threads, wasm single-threaded`)
  const results = []
  for (const size of SIZES) {
    for (const net of NETS) {
      const levels = LEVELS[size]?.[net.preset] ?? []
      if (!levels.length) continue
      const torch: Record<number, Measurement> = {}
      for (const threads of TORCH_THREADS) {
        torch[threads] = await torchStep(net, size, threads)
        console.log(`${size}² ${net.label}: PyTorch CPU, ${threads} thread${threads > 1 ? 's' : ''}: ${describe(torch[threads])}`)
      }
      for (const recompute of levels) {
        const wasm = await tfjsStep(net, size, recompute)
        console.log(`${size}² ${net.label}: wasm, recompute '${recompute}': ${describe(wasm)}`)
        results.push({ size, net: net.label, recompute, wasm, torch })
      }
    }
  }
  console.log('\n=== figures ===')
  for (const r of results) {
    const versus = TORCH_THREADS.map((threads) => {
      const torch = r.torch[threads]!
      const ratio = !r.wasm.error && !torch.error ? `${fixed(median(r.wasm.seconds!) / median(torch.seconds!), 1)}×` : 'no ratio (a side failed)'
      return `PyTorch ${threads}T ${describe(torch)} → wasm takes ${ratio}`
    })
    console.log(`${r.size}² ${r.net}, recompute '${r.recompute}': wasm ${describe(r.wasm)} | ${versus.join(' | ')}`)
  }
  console.log(`load average at the end ${loadavg().map((l) => fixed(l, 2)).join(', ')} (1, 5, 15 min)`)
  console.log(`raw figures: ${saveResults('train-step', { steps: STEPS, torchThreads: TORCH_THREADS, results })}`)
}

const childAt = process.argv.indexOf('--child')
if (childAt >= 0) console.log(JSON.stringify(await childRun(JSON.parse(process.argv[childAt + 1]!) as ChildRequest)))
else await main()
