import * as tf from '@tensorflow/tfjs'
import type { TrainConfig } from './config'
import type { ImagePool } from './image-pool'
import type { Networks } from './nets/networks'
import type { Adam } from './optim/adam'
import type { Rng } from './rng'

/** Everything a training step reads and changes; all of it goes into a snapshot. */
export interface TrainState {
  readonly config: TrainConfig
  readonly nets: Networks
  readonly gAdam: Adam
  readonly dAdam: Adam
  readonly rng: Rng
  /** Generated A images (shown to D_B) and generated B images (shown to D_A). */
  readonly pools: { a: ImagePool; b: ImagePool }
}

export interface StepResult {
  losses: Record<string, number>
  dReal: number
  dFake: number
}

/**
 * Tensors a loss function hands out of tf.variableGrads's tidy: loss parts to report, generated images to reuse.
 * Read or used after the update, then disposed together.
 */
export class Kept {
  private readonly tensors: tf.Tensor[] = []
  readonly parts: Record<string, tf.Scalar> = {}

  keep<T extends tf.Tensor>(tensor: T): T {
    this.tensors.push(tf.keep(tensor))
    return tensor
  }

  /** Records a loss term; a clone, since the value a loss function returns is disposed with its gradients. */
  part(name: string, value: tf.Scalar): tf.Scalar {
    this.parts[name] = this.keep(tf.clone(value))
    return value
  }

  values(): Record<string, number> {
    return Object.fromEntries(Object.entries(this.parts).map(([name, value]) => [name, value.dataSync()[0]!]))
  }

  dispose(): void {
    tf.dispose(this.tensors.splice(0))
  }
}

/** One update of the optimiser's parameters down the gradient of `loss`. */
export function descend(adam: Adam, lr: number, loss: () => tf.Scalar): void {
  const { value, grads } = tf.variableGrads(loss, [...adam.params.values()])
  adam.step(grads, lr)
  value.dispose()
  tf.dispose(grads)
}

/** Runs every discriminator's spectral-norm power iteration: once per discriminator update, as PyTorch does per forward. */
export function updateSpectralNorms(nets: Networks): void {
  for (const d of Object.values(nets.discriminators)) for (const update of d.params.updates) update()
}

/** All trainable parameters of the given networks, by full name. */
export function trainableOf(networks: readonly { params: { trainable: ReadonlyMap<string, tf.Variable> } }[]): Map<string, tf.Variable> {
  return new Map(networks.flatMap((n) => [...n.params.trainable]))
}
