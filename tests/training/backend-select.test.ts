import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import * as tf from '@tensorflow/tfjs'
import { describe, expect, it } from 'vitest'
import { trainingBackendInfo } from '../../src-main/training/backend/expected-backend'
import { selectTrainingBackend } from '../../src-main/training/backend/select-backend'
import { wasmBinaryFolder } from '../../src-main/training/backend/wasm-files'

const installed = (pkg: string): boolean => {
  try {
    createRequire(import.meta.url).resolve(`${pkg}/package.json`)
    return true
  } catch {
    return false
  }
}
const nativeInstalled = installed('@tensorflow/tfjs-node-gpu') || installed('@tensorflow/tfjs-node')

describe('training backend selection', () => {
  it('finds the wasm binaries in node_modules', () => {
    for (const name of ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm']) expect(existsSync(wasmBinaryFolder() + name)).toBe(true)
  })

  it('takes the first backend that loads and says what it tried before it', async () => {
    const handlersBefore = [...process.listeners('uncaughtException'), ...process.listeners('unhandledRejection')]
    const chosen = await selectTrainingBackend()
    // Emscripten's rethrowing process handlers are removed again: the host's error handling stays its own.
    expect([...process.listeners('uncaughtException'), ...process.listeners('unhandledRejection')]).toEqual(handlersBefore)
    expect(tf.getBackend()).toBe(chosen.backend === 'tensorflow-gpu' ? 'tensorflow' : chosen.backend)
    if (nativeInstalled) {
      expect(chosen.backend).toMatch(/^tensorflow/)
    } else {
      expect(chosen.backend).toBe('wasm')
      expect(chosen.note).toMatch(/^wasm: SIMD, 1 thread/)
      expect(chosen.note).toMatch(/tried first: tensorflow-gpu \(@tensorflow\/tfjs-node-gpu is not installed\); tensorflow \(@tensorflow\/tfjs-node is not installed\)$/)
    }
  })

  it('runs a real computation on each backend it is asked for', async () => {
    for (const backend of ['wasm', 'cpu'] as const) {
      const chosen = await selectTrainingBackend([backend])
      expect(chosen.backend).toBe(backend)
      expect(tf.getBackend()).toBe(backend)
      const y = tf.conv2d(tf.ones([1, 4, 4, 1]) as tf.Tensor4D, tf.ones([3, 3, 1, 1]) as tf.Tensor4D, 1, 'valid')
      expect(Array.from(y.dataSync())).toEqual([9, 9, 9, 9])
    }
  })

  it('fails with every reason when none of the candidates loads', async () => {
    if (nativeInstalled) return
    await expect(selectTrainingBackend(['tensorflow-gpu', 'tensorflow'])).rejects.toThrow(
      /No training backend could start: tensorflow-gpu \(.+\); tensorflow \(.+\)/
    )
  })

  it('tells the UI the backend a run is expected to get, in the same order', () => {
    const info = trainingBackendInfo()
    expect(info.backend).toBe(nativeInstalled ? expect.stringMatching(/^tensorflow/) : 'wasm')
    if (!nativeInstalled) expect(info.note).toMatch(/confirmed when a training run starts; not installed: @tensorflow\/tfjs-node-gpu, @tensorflow\/tfjs-node/)
  })
})
