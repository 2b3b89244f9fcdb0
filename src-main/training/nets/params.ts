import * as tf from '@tensorflow/tfjs'
import type { WeightSource } from '../../onnx'
import { assignSaved, type SerialTensor } from '../optim/adam'

/** ONNX [out, in, kH, kW] (Conv) or [in, out, kH, kW] (ConvTranspose) ↔ tfjs [kH, kW, in, out] or [kH, kW, out, in]. */
const ONNX_TO_TFJS = [2, 3, 1, 0]
const TFJS_TO_ONNX = [3, 2, 0, 1]

/**
 * The parameters of one network, named as src-main/onnx's builders name them (`stem.conv.weight`,
 * `block1.conv1.bias`, `down2.conv.weight`) under the network's prefix (`G_A`, `D_B`…), stored in tfjs layout.
 * `state` holds what is saved but not trained (spectral-norm vectors).
 */
export class ParamSet {
  readonly trainable = new Map<string, tf.Variable>()
  readonly state = new Map<string, tf.Variable>()
  /** Run once per discriminator update, outside any gradient (spectral-norm power iterations). */
  readonly updates: (() => void)[] = []

  constructor(
    readonly prefix: string,
    private readonly init: WeightSource
  ) {}

  /** A trainable parameter given its ONNX shape; initialised from the weight source by its full name. */
  parameter(name: string, onnxShape: readonly number[]): tf.Variable {
    const fullName = this.claim(name)
    const values = this.initialValues(name, onnxShape)
    const variable = tf.tidy(() => tf.variable(toTfjsLayout(tf.tensor(values, [...onnxShape], 'float32')), true))
    this.trainable.set(fullName, variable)
    return variable
  }

  /** Seeded values for `name` that depend only on the seed and the full name. */
  initialValues(name: string, shape: readonly number[]): Float32Array {
    return this.init(`${this.prefix}.${name}`, shape)
  }

  /** A saved, untrained variable holding `value` (which it takes over). */
  stateVariable(name: string, value: tf.Tensor): tf.Variable {
    const variable = tf.tidy(() => tf.variable(value, false))
    value.dispose()
    this.state.set(this.claim(name), variable)
    return variable
  }

  /** Trainable and state variables by full name. */
  all(): Map<string, tf.Variable> {
    return new Map([...this.trainable, ...this.state])
  }

  save(): Record<string, SerialTensor> {
    const out: Record<string, SerialTensor> = {}
    for (const [name, v] of this.all()) out[name] = { shape: [...v.shape], data: (v.dataSync() as Float32Array).slice() }
    return out
  }

  /** Loads every variable from `saved` under `fromPrefix` (this network's own prefix unless another is given). */
  load(saved: Readonly<Record<string, SerialTensor>>, fromPrefix = this.prefix, only: 'all' | 'trainable' = 'all'): void {
    for (const [name, variable] of only === 'all' ? this.all() : this.trainable) {
      const savedName = `${fromPrefix}${name.slice(this.prefix.length)}`
      assignSaved(variable, saved[savedName], savedName)
    }
  }

  /** The trained values in ONNX layout, for the graph builder. */
  weightSource(): WeightSource {
    return (name, shape) => {
      const variable = this.trainable.get(`${this.prefix}.${name}`)
      if (!variable) throw new Error(`${this.prefix} has no parameter ${name}`)
      const onnxShape = variable.rank === 4 ? TFJS_TO_ONNX.map((axis) => variable.shape[axis]!) : variable.shape
      if (onnxShape.join('×') !== shape.join('×')) throw new Error(`${this.prefix}.${name} is [${onnxShape.join(', ')}] but the graph needs [${shape.join(', ')}]`)
      const values = tf.tidy(() => (variable.rank === 4 ? tf.transpose(variable, TFJS_TO_ONNX) : variable).dataSync() as Float32Array)
      return values.slice()
    }
  }

  dispose(): void {
    for (const variable of this.all().values()) variable.dispose()
  }

  private claim(name: string): string {
    const fullName = `${this.prefix}.${name}`
    if (this.trainable.has(fullName) || this.state.has(fullName)) throw new Error(`duplicate parameter ${fullName}`)
    return fullName
  }
}

function toTfjsLayout(t: tf.Tensor): tf.Tensor {
  return t.rank === 4 ? tf.transpose(t, ONNX_TO_TFJS) : t
}
