import * as tf from '@tensorflow/tfjs'

export type SerialTensor = { shape: number[]; data: Float32Array }

/**
 * Adam as PyTorch writes it (ε added to the bias-corrected √v̂), with its moments and step count held in plain
 * variables so they can be saved and restored exactly.
 */
export class Adam {
  private t = 0
  private readonly m = new Map<string, tf.Variable>()
  private readonly v = new Map<string, tf.Variable>()

  constructor(
    readonly params: ReadonlyMap<string, tf.Variable>,
    private readonly o: { beta1: number; beta2: number; epsilon?: number }
  ) {
    for (const [name, p] of params) {
      this.m.set(name, tf.tidy(() => tf.variable(tf.zerosLike(p), false)))
      this.v.set(name, tf.tidy(() => tf.variable(tf.zerosLike(p), false)))
    }
  }

  /** One update from gradients keyed by tfjs variable name, as tf.variableGrads gives them; a parameter without one is left alone. */
  step(grads: Readonly<Record<string, tf.Tensor>>, lr: number): void {
    this.t++
    const { beta1, beta2, epsilon = 1e-8 } = this.o
    const stepSize = lr / (1 - beta1 ** this.t)
    const correction2 = 1 - beta2 ** this.t
    tf.tidy(() => {
      for (const [name, p] of this.params) {
        const g = grads[p.name]
        if (!g) continue
        const m = this.m.get(name)!
        const v = this.v.get(name)!
        m.assign(tf.add(tf.mul(m, beta1), tf.mul(g, 1 - beta1)))
        v.assign(tf.add(tf.mul(v, beta2), tf.mul(tf.square(g), 1 - beta2)))
        const denominator = tf.add(tf.sqrt(tf.div(v, correction2)), epsilon)
        p.assign(tf.sub(p, tf.mul(tf.div(m, denominator), stepSize)))
      }
    })
  }

  /** `${prefix}.t`, `${prefix}.m.<param>` and `${prefix}.v.<param>`. */
  save(prefix: string): Record<string, SerialTensor> {
    const out: Record<string, SerialTensor> = { [`${prefix}.t`]: { shape: [], data: new Float32Array([this.t]) } }
    for (const [kind, moments] of [['m', this.m], ['v', this.v]] as const) {
      for (const [name, value] of moments) out[`${prefix}.${kind}.${name}`] = { shape: [...value.shape], data: (value.dataSync() as Float32Array).slice() }
    }
    return out
  }

  restore(prefix: string, saved: Readonly<Record<string, SerialTensor>>): void {
    const t = saved[`${prefix}.t`]
    if (!t || t.data.length !== 1) throw new Error(`the snapshot has no step count for optimizer ${prefix}`)
    this.t = t.data[0]!
    for (const [kind, moments] of [['m', this.m], ['v', this.v]] as const) {
      for (const [name, variable] of moments) assignSaved(variable, saved[`${prefix}.${kind}.${name}`], `${prefix}.${kind}.${name}`)
    }
  }

  dispose(): void {
    for (const variable of [...this.m.values(), ...this.v.values()]) variable.dispose()
  }
}

/** Puts saved values into a variable, refusing a missing entry or a different shape. */
export function assignSaved(variable: tf.Variable, saved: SerialTensor | undefined, name: string): void {
  if (!saved) throw new Error(`the snapshot lacks ${name}`)
  if (saved.shape.join('×') !== variable.shape.join('×')) {
    throw new Error(`${name} has shape [${saved.shape.join(', ')}] in the snapshot, [${variable.shape.join(', ')}] in this network`)
  }
  tf.tidy(() => variable.assign(tf.tensor(saved.data, variable.shape, 'float32')))
}
