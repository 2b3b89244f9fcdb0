// The standard CycleGAN generator (ResNet-9, ngf 64, seeded weights from our builder) in onnxruntime-node vs the
// same network and weights in PyTorch CPU, timed interleaved in one run at 256² and 512² on a real photo, with
// each ORT variant's speed and its output quality against the float32 model.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { InferenceSession } from 'onnxruntime-node'
import { loadOrt } from '../src-main/inference/load-ort'
import { closeSessions, cpuSessionOptions, openSession, physicalCoreCount } from '../src-main/inference/ort-session'
import { resnetGenerator, seededWeights, type WeightSource } from '../src-main/onnx'
import { quantizeWithCalibration, type CalibrationImage } from './ort-variants/calibrate-int8'
import { polyphaseConvTranspose } from './ort-variants/polyphase-conv-transpose'
import { fixed, loadLine, machineLine, median, saveResults } from './stats'
import { photoFiles, photoInput } from '../tests/helpers/photo-input'
import { maxAbsDiff } from '../tests/onnx/ort'
import { ensureTorch, PYTHON, TorchWorker } from './torch/worker-client'

const ort = loadOrt()
const RUNS = Number(process.env.RUNS ?? 7)
const SIZES = [256, 512] as const
const NGF = 64
const BLOCKS = 9
const CACHE = join(import.meta.dirname, '.cache', 'ort-vs-torch')
/** The photo the timings use; all photos are used for the quality check. */
const TIMED_PHOTO = 'lxqt--drop.jpg'

/** Seeded weights, also written in order to weights.bin with a manifest (name, shape, offset) for PyTorch. */
function recordedWeights(): { source: WeightSource; save: () => { weights: string; manifest: string } } {
  const seeded = seededWeights(1)
  const recorded: { name: string; shape: readonly number[]; values: Float32Array }[] = []
  const source: WeightSource = (name, shape) => {
    const values = seeded(name, shape)
    recorded.push({ name, shape, values })
    return values
  }
  const save = (): { weights: string; manifest: string } => {
    mkdirSync(CACHE, { recursive: true })
    let offset = 0
    const manifest = recorded.map(({ name, shape, values }) => {
      const entry = { name, shape, offset }
      offset += values.length
      return entry
    })
    const all = new Float32Array(offset)
    recorded.forEach(({ values }, i) => all.set(values, manifest[i]!.offset))
    const paths = { weights: join(CACHE, 'weights.bin'), manifest: join(CACHE, 'manifest.json') }
    writeFileSync(paths.weights, new Uint8Array(all.buffer)) // little-endian hosts only, as numpy reads '<f4'
    writeFileSync(paths.manifest, JSON.stringify(manifest))
    return paths
  }
  return { source, save }
}

/** PSNR of `test` against `reference` for values spanning [−1, 1] (peak-to-peak 2, i.e. 255 levels in 8 bits). */
function psnr(reference: Float32Array, test: Float32Array): number {
  let squared = 0
  for (let i = 0; i < reference.length; i++) squared += (reference[i]! - test[i]!) ** 2
  return squared === 0 ? Infinity : 10 * Math.log10(4 / (squared / reference.length))
}

async function infer(session: InferenceSession, image: CalibrationImage): Promise<Float32Array> {
  const input = new ort.Tensor('float32', image.data, [1, image.channels, image.height, image.width])
  return (await session.run({ input }))['output']!.data as Float32Array
}

/** Kernel time per run of each operator type, from ORT's profiler, with the app's CPU session options. */
async function ortOpTimes(bytes: Uint8Array, image: CalibrationImage, runs: number): Promise<Record<string, number>> {
  const prefix = join(CACHE, 'ort-profile')
  const session = await create(bytes, { ...APP, enableProfiling: true, profileFilePrefix: prefix })
  for (let run = 0; run <= runs; run++) await infer(session, image)
  session.endProfiling()
  await session.release()
  const file = readdirSync(CACHE).filter((f) => f.startsWith('ort-profile')).sort().at(-1)!
  const events = JSON.parse(readFileSync(join(CACHE, file), 'utf8')) as { cat: string; name: string; ts: number; dur: number; args?: { op_name?: string } }[]
  const warmUp = events.find((e) => e.cat === 'Session' && e.name === 'model_run')!
  const ms: Record<string, number> = {}
  for (const e of events) {
    if (e.cat !== 'Node' || !e.name.endsWith('_kernel_time') || e.ts < warmUp.ts + warmUp.dur) continue
    const op = e.args?.op_name ?? 'other'
    ms[op] = (ms[op] ?? 0) + e.dur / 1000 / runs
  }
  return ms
}

interface Variant {
  label: string
  session: InferenceSession
  /** Sessions from openSession belong to its cache and are released by closeSessions. */
  cached?: boolean
}

const APP = cpuSessionOptions()

console.log(`machine: ${machineLine()}; ${loadLine()}`)
ensureTorch()
const weights = recordedWeights()
const model = resnetGenerator({ inChannels: 3, outChannels: 3, ngf: NGF, nBlocks: BLOCKS, upsampling: 'transpose', weights: weights.source })
const files = photoFiles
const photos = new Map<number, CalibrationImage[]>()
for (const size of SIZES) photos.set(size, await Promise.all(files.map((f) => photoInput(f, size))))
const calibration = photos.get(256)!.filter((_, i) => files[i] !== TIMED_PHOTO)
const int8 = await quantizeWithCalibration(model.bytes, calibration)
const polyphase = polyphaseConvTranspose(model.bytes)

const create = (bytes: Uint8Array, options: InferenceSession.SessionOptions = {}): Promise<InferenceSession> => ort.InferenceSession.create(bytes, { logSeverityLevel: 3, ...options })
const variants: Variant[] = [
  { label: 'ORT defaults', session: await create(model.bytes) },
  { label: 'app (openSession, cpu)', session: (await openSession(model.bytes, 'cpu')).session, cached: true },
  { label: 'app + no thread spinning', session: await create(model.bytes, { ...APP, extra: { session: { intra_op: { allow_spinning: '0' } } } }) },
  { label: 'app + denormals as zero', session: await create(model.bytes, { ...APP, extra: { session: { set_denormal_as_zero: '1' } } }) },
  { label: 'app + batch fixed to 1', session: await create(model.bytes, { ...APP, freeDimensionOverrides: { batch: 1 } }) },
  { label: 'app + polyphase ConvTranspose', session: await create(polyphase.bytes, APP) },
  { label: 'app + int8 QDQ convs (calibrated on 3 photos)', session: await create(int8.bytes, APP) }
]

const torch = new TorchWorker()
const torchInfo = await torch.request<{ threads: number; torch: string; blas: string[] }>({ cmd: 'load', ...weights.save(), ngf: NGF, blocks: BLOCKS })
console.log(`PyTorch ${torchInfo.torch} (${PYTHON}), ${torchInfo.threads} threads, BLAS ${torchInfo.blas.join(', ') || 'none mapped'}; onnxruntime-node ${ort.env.versions.common}, ${physicalCoreCount()} physical cores`)
console.log(`model: ResNet-9 CycleGAN generator, ngf ${NGF}, ${model.parameterCount} parameters, seeded weights; photos: ${files.join(', ')}`)

// Agreement: PyTorch and ORT (float32, defaults) on the same photo, same weights.
const reference = variants[0]!.session
const agreement: Record<number, number> = {}
for (const size of SIZES) {
  const image = photos.get(size)![files.indexOf(TIMED_PHOTO)]!
  const inputPath = join(CACHE, `input-${size}.bin`)
  const outputPath = join(CACHE, `torch-output-${size}.bin`)
  writeFileSync(inputPath, new Uint8Array(image.data.buffer))
  await torch.request({ cmd: 'infer', input: inputPath, output: outputPath, size })
  const bytes = readFileSync(outputPath)
  const torchOutput = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength))
  agreement[size] = maxAbsDiff(await infer(reference, image), torchOutput)
  console.log(`PyTorch vs ORT at ${size}²: max |Δ| ${agreement[size]!.toExponential(2)} over ${torchOutput.length} output values`)
}

// Quality: each variant against the float32 reference on every photo (the worst photo is reported).
const quality = new Map<string, { psnr: number; maxDiff: number }>()
const referenceOutputs = new Map<string, Float32Array>()
for (const size of SIZES) {
  for (const [i, image] of photos.get(size)!.entries()) referenceOutputs.set(`${size}:${i}`, await infer(reference, image))
}
for (const variant of variants.slice(1)) {
  let worst = { psnr: Infinity, maxDiff: 0 }
  for (const size of SIZES) {
    for (const [i, image] of photos.get(size)!.entries()) {
      const output = await infer(variant.session, image)
      const expected = referenceOutputs.get(`${size}:${i}`)!
      worst = { psnr: Math.min(worst.psnr, psnr(expected, output)), maxDiff: Math.max(worst.maxDiff, maxAbsDiff(expected, output)) }
    }
  }
  quality.set(variant.label, worst)
}
{
  // How much this (untrained, seeded) network amplifies small input changes: ±½ of an 8-bit step of noise.
  const image = photos.get(256)![files.indexOf(TIMED_PHOTO)]!
  let state = 12345
  const noisy = image.data.map((v) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return v + ((state / 2 ** 32 - 0.5) * 2) / 255
  })
  const sensitivity = psnr(referenceOutputs.get(`256:${files.indexOf(TIMED_PHOTO)}`)!, await infer(reference, { ...image, data: noisy }))
  console.log(`sensitivity: uniform input noise of ±½ an 8-bit step changes the float32 output by PSNR ${fixed(sensitivity, 1)} dB`)
}

// Where the time goes at 256², by operator: ORT's profiler on the app's session options, PyTorch's profiler.
{
  const runs = 3
  const image = photos.get(256)![files.indexOf(TIMED_PHOTO)]!
  const summary = (ms: Record<string, number>): string =>
    Object.entries(ms)
      .sort((a, b) => b[1] - a[1])
      .filter(([, t]) => t >= 0.5)
      .map(([op, t]) => `${op} ${fixed(t, 0)}`)
      .join(', ')
  const torchOps = await torch.request<{ ms: Record<string, number> }>({ cmd: 'profile', size: 256, runs })
  console.log(`ms per run at 256² by operator (profilers, ${runs} runs after warm-up; these runs are slower than unprofiled ones):`)
  console.log(`  ORT app session: ${summary(await ortOpTimes(model.bytes, image, runs))}`)
  console.log(`  PyTorch: ${summary(torchOps.ms)}`)
}

// Timing: warm-up, then RUNS rounds; each round runs every ORT variant and PyTorch once, the order rotating.
const timings = new Map<string, Record<number, number[]>>()
const TORCH = 'PyTorch CPU (Debian python3-torch)'
for (const label of [TORCH, ...variants.map((v) => v.label)]) timings.set(label, { 256: [], 512: [] })
for (const size of SIZES) {
  const image = photos.get(size)![files.indexOf(TIMED_PHOTO)]!
  const input = new ort.Tensor('float32', image.data, [1, 3, size, size])
  const runners: [string, () => Promise<number>][] = [
    [TORCH, async () => (await torch.request<{ ms: number }>({ cmd: 'time', size })).ms],
    ...variants.map(({ label, session }): [string, () => Promise<number>] => [
      label,
      async () => {
        const start = performance.now()
        await session.run({ input })
        return performance.now() - start
      }
    ])
  ]
  for (const [, run] of runners) await run()
  for (let round = 0; round < RUNS; round++) {
    const line: string[] = []
    for (let k = 0; k < runners.length; k++) {
      const [label, run] = runners[(round + k) % runners.length]!
      const ms = await run()
      timings.get(label)![size]!.push(ms)
      line.push(`${label.split(' (')[0]} ${fixed(ms, 0)}`)
    }
    console.log(`${size}² round ${round + 1}: ${line.join(', ')} ms`)
  }
}
torch.close()
await Promise.all(variants.filter((v) => !v.cached).map((v) => v.session.release()))
await closeSessions()

const megapixels = (size: number): number => (size * size) / 1e6
const torchMedian = (size: number): number => median(timings.get(TORCH)![size]!)
console.log(`\n=== figures === (medians of ${RUNS} interleaved runs; ${loadLine().replace('at start', 'at end')})`)
console.log('| variant | ms 256² | ms 512² | ms/MP 256² | ms/MP 512² | × PyTorch 256² | × PyTorch 512² | PSNR vs fp32 (worst photo) | max abs diff |')
console.log('|---|---|---|---|---|---|---|---|---|')
const rows = [...timings.entries()].map(([label, bySize]) => {
  const ms = SIZES.map((s) => median(bySize[s]!))
  const q = quality.get(label)
  const quality_ = label === TORCH ? `max abs diff vs ORT ${SIZES.map((s) => agreement[s]!.toExponential(1)).join(' / ')}` : q ? `${q.psnr === Infinity ? '∞ (identical)' : `${fixed(q.psnr, 1)} dB`} | ${q.maxDiff.toExponential(1)}` : 'reference | 0'
  console.log(`| ${label} | ${ms.map((m) => fixed(m, 0)).join(' | ')} | ${SIZES.map((s, i) => fixed(ms[i]! / megapixels(s), 0)).join(' | ')} | ${SIZES.map((s, i) => `${fixed(torchMedian(s) / ms[i]!, 2)}×`).join(' | ')} | ${quality_} |`)
  return { label, ms, quality: q }
})
console.log(`(× PyTorch: PyTorch's median time over the variant's; above 1 the variant is faster. PSNR on outputs in [−1, 1], peak-to-peak 2, over ${files.length} photos at both sizes.)`)
console.log(`raw figures: ${saveResults('ort-vs-torch', { runs: RUNS, timings: Object.fromEntries(timings), rows, agreement, torch: torchInfo })}`)
