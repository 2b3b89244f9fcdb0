// Conv backprop kernels (ours on wasm vs the wasm backend's own Conv2DBackpropInput vs the pure-JS cpu
// backend) and instance norm (fused customGrad vs tf's moments/sub/div) at the layer shapes of a standard
// CycleGAN ResNet generator and PatchGAN discriminator at 128², medians in ms. The forward Conv2D on wasm
// (XNNPACK) is the yardstick. The cpu backend needs minutes per filter gradient at these sizes, so it is
// compared on the same layers at half the height and width (64² images), against ours at that size too.
import * as tf from '@tensorflow/tfjs'
import { selectTrainingBackend } from '../src-main/training/backend/select-backend'
import { instanceNorm } from '../src-main/training/ops/instance-norm'
import { fixed, loadLine, machineLine, median, saveResults } from './stats'

const RUNS = Number(process.env.RUNS ?? 5)

interface ConvCase {
  label: string
  input: [number, number, number, number]
  filter: [number, number, number, number]
  stride: number
  pad: 'valid' | 'same'
}
const convCases: ConvCase[] = [
  { label: 'c7s1-64 (134²×3 → 128²×64, 7×7)', input: [1, 134, 134, 3], filter: [7, 7, 3, 64], stride: 1, pad: 'valid' },
  { label: 'd128 (128²×64 → 64²×128, 3×3 s2)', input: [1, 128, 128, 64], filter: [3, 3, 64, 128], stride: 2, pad: 'same' },
  { label: 'R256 (34²×256 → 32²×256, 3×3)', input: [1, 34, 34, 256], filter: [3, 3, 256, 256], stride: 1, pad: 'valid' },
  { label: 'D 4×4 s2 (130²×64 → 64²×128)', input: [1, 130, 130, 64], filter: [4, 4, 64, 128], stride: 2, pad: 'valid' }
]
/** The same layer for a 64² image: half the height and width of its input. */
const halved = (c: ConvCase): ConvCase => {
  const [n, h, w, ch] = c.input
  const k = c.filter[0]
  const shrink = (size: number) => (c.pad === 'valid' ? (size - k + 1) / 2 + k - 1 : size / 2)
  return { ...c, label: c.label.replace(/\(.*\)/, '(64² image)'), input: [n, Math.round(shrink(h)), Math.round(shrink(w)), ch] }
}
const normShapes: [number, number, number, number][] = [
  [1, 128, 128, 64],
  [1, 64, 64, 128],
  [1, 32, 32, 256]
]

function timeMs(runs: number, work: () => tf.Tensor | tf.Tensor[]): number {
  const times: number[] = []
  for (let i = 0; i <= runs; i++) {
    const start = performance.now()
    tf.tidy(() => {
      const out = work()
      for (const t of Array.isArray(out) ? out : [out]) t.dataSync()
    })
    if (i > 0) times.push(performance.now() - start)
  }
  return median(times)
}

function convTimes(c: ConvCase, runs: number): { forward: number; filter: number; input: number } {
  const x = tf.randomNormal(c.input) as tf.Tensor4D
  const w = tf.randomNormal(c.filter, 0, 0.05) as tf.Tensor4D
  const dy = tf.tidy(() => tf.onesLike(tf.conv2d(x, w, c.stride, c.pad)))
  const attrs = { strides: c.stride, pad: c.pad, dataFormat: 'NHWC' } as const
  const filterAttrs = { ...attrs, filterShape: c.filter } as unknown as tf.NamedAttrMap
  const inputAttrs = { ...attrs, inputShape: c.input } as unknown as tf.NamedAttrMap
  const result = {
    forward: timeMs(runs, () => tf.conv2d(x, w, c.stride, c.pad)),
    filter: timeMs(runs, () => tf.engine().runKernel(tf.Conv2DBackpropFilter, { x, dy }, filterAttrs) as tf.Tensor),
    input: timeMs(runs, () => tf.engine().runKernel(tf.Conv2DBackpropInput, { dy, filter: w }, inputAttrs) as tf.Tensor)
  }
  tf.dispose([x, w, dy])
  return result
}

/** Decomposed instance norm as tf's own ops write it (what the fused op replaces). */
function decomposedInstanceNorm(x: tf.Tensor4D, gamma: tf.Tensor1D, beta: tf.Tensor1D): tf.Tensor4D {
  const { mean, variance } = tf.moments(x, [1, 2], true)
  return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-5))), gamma), beta)
}

async function normFigures(shape: [number, number, number, number]) {
  const x = tf.randomNormal(shape) as tf.Tensor4D
  const gamma = tf.ones([shape[3]]) as tf.Tensor1D
  const beta = tf.zeros([shape[3]]) as tf.Tensor1D
  const weights = tf.randomNormal(shape)
  const measure = async (norm: (x: tf.Tensor4D, gamma: tf.Tensor1D, beta: tf.Tensor1D) => tf.Tensor4D) => {
    const loss = (a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(tf.relu(norm(a as tf.Tensor4D, g as tf.Tensor1D, b as tf.Tensor1D)), weights))
    const ms = timeMs(RUNS, () => tf.grads(loss)([x, gamma, beta]))
    const profile = await tf.profile(() => tf.grads(loss)([x, gamma, beta]))
    return { ms, peakMB: profile.peakBytes / 2 ** 20, kernels: profile.kernels.length }
  }
  const result = { fused: await measure(instanceNorm), decomposed: await measure(decomposedInstanceNorm) }
  tf.dispose([x, gamma, beta, weights])
  return result
}

console.log(`machine: ${machineLine()}; ${loadLine()}`)
await import('@tensorflow/tfjs-backend-wasm')
const builtinInput = tf.getKernel(tf.Conv2DBackpropInput, 'wasm')!
const selected = await selectTrainingBackend(['wasm'])
console.log(`backend: ${selected.note}`)
const oursInput = tf.getKernel(tf.Conv2DBackpropInput, 'wasm')!
// The backend ran setup (binding the wasm function) only for the kernels registered at its start.
builtinInput.setupFunc?.(tf.backend())

const convResults = []
for (const c of convCases) {
  await tf.setBackend('wasm')
  const ours = convTimes(c, RUNS)
  tf.unregisterKernel(tf.Conv2DBackpropInput, 'wasm')
  tf.registerKernel(builtinInput)
  const builtin = convTimes(c, Math.min(RUNS, 2)).input
  tf.unregisterKernel(tf.Conv2DBackpropInput, 'wasm')
  tf.registerKernel(oursInput)
  const small = halved(c)
  const oursSmall = convTimes(small, RUNS)
  await tf.setBackend('cpu')
  const cpuSmall = convTimes(small, 1)
  convResults.push({ label: c.label, ours, builtinInput: builtin, small: { input: small.input, ours: oursSmall, cpu: cpuSmall } })
  console.log(
    `${c.label}: wasm forward ${fixed(ours.forward)} ms | filter grad ours ${fixed(ours.filter)} ms | ` +
      `input grad ours ${fixed(ours.input)}, wasm built-in ${fixed(builtin)} ms | ` +
      `at ${small.input.slice(1).join('×')}: filter grad ours ${fixed(oursSmall.filter)}, cpu ${fixed(cpuSmall.filter)} ms; input grad ours ${fixed(oursSmall.input)}, cpu ${fixed(cpuSmall.input)} ms`
  )
}

await tf.setBackend('wasm')
const normResults = []
for (const shape of normShapes) {
  const r = await normFigures(shape)
  normResults.push({ shape, ...r })
  console.log(
    `instance norm ${shape.slice(1).join('×')} forward+backward on wasm: fused ${fixed(r.fused.ms)} ms, peak ${fixed(r.fused.peakMB)} MB, ${r.fused.kernels} kernels | ` +
      `decomposed ${fixed(r.decomposed.ms)} ms, peak ${fixed(r.decomposed.peakMB)} MB, ${r.decomposed.kernels} kernels`
  )
}

console.log('\n=== figures ===')
for (const r of convResults) {
  console.log(
    `${r.label}: time / forward conv on wasm: filter grad ${fixed(r.ours.filter / r.ours.forward)}, input grad ${fixed(r.ours.input / r.ours.forward)}; ` +
      `input grad ${fixed(r.builtinInput / r.ours.input)}× faster than wasm's own; at 64²: ${fixed(r.small.cpu.filter / r.small.ours.filter)}× (filter), ` +
      `${fixed(r.small.cpu.input / r.small.ours.input)}× (input) faster than the cpu backend`
  )
}
for (const r of normResults) {
  console.log(`instance norm ${r.shape.slice(1).join('×')}: fused ${fixed(r.decomposed.ms / r.fused.ms)}× faster, peak memory ${fixed(r.fused.peakMB)} vs ${fixed(r.decomposed.peakMB)} MB`)
}
console.log(`raw figures: ${saveResults('train-ops', { runs: RUNS, convResults, normResults })}`)
