import * as tf from '@tensorflow/tfjs'

/**
 * Gradients of `fn` at `x` for x and `params`, computed inside another gradient's backward pass.
 * tfjs keeps a single active tape: a nested gradient computation replaces the outer one and sets it
 * to null when done, so the outer tape is put back afterwards.
 */
function nestedGradients(fn: () => tf.Tensor, xs: tf.Tensor[], dy: tf.Tensor): tf.Tensor[] {
  const state = tf.engine().state
  const outerTape = state.activeTape
  try {
    const { value, grads } = tf.engine().gradients(fn, xs, dy, true)
    value.dispose()
    return grads.map((g, i) => g ?? tf.zerosLike(xs[i]!))
  } finally {
    state.activeTape = outerTape
  }
}

/**
 * Gradient checkpointing: the returned function runs `fn` keeping none of its intermediates (only
 * its input) and, during backprop, runs it again under a tape to get the gradients for x and for
 * every variable in `params` (which must list all variables fn reads that should train).
 */
export function recompute<T extends tf.Tensor>(fn: (x: tf.Tensor4D) => T, params: tf.Variable[]): (x: tf.Tensor4D) => T {
  const checkpointed = tf.customGrad((...args) => {
    const save = args.pop() as tf.GradSaveFunc
    const input = args[0] as tf.Tensor4D
    save([input])
    const value = fn(input)
    const gradFunc = (dy: T, saved: tf.Tensor[]): tf.Tensor[] => {
      const kept = saved[0] as tf.Tensor4D
      return nestedGradients(() => fn(kept), [kept, ...params], dy)
    }
    return { value, gradFunc }
  })
  return (x) => checkpointed(x, ...params) as T
}
