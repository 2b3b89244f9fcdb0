import { afterAll, describe, expect, it } from 'vitest'
import { inferenceRuntimeInfo } from '../../src-main/inference/runtime-info'
import { closeSessions, physicalCoreCount } from '../../src-main/inference/ort-session'

afterAll(closeSessions)

describe('inferenceRuntimeInfo', () => {
  it('says the CPU runs when the CPU is preferred', async () => {
    const info = await inferenceRuntimeInfo('cpu')
    expect(info).toMatchObject({ device: 'CPU', note: `running on CPU (${physicalCoreCount()} threads)` })
    expect(info.engine).toMatch(/^onnxruntime-node \d+\.\d+/)
    expect(info.providers.map((p) => p.id)).toContain('webgpu')
  })

  it.runIf(process.platform === 'linux')('reports what really runs when a preferred GPU provider cannot open here', async () => {
    const info = await inferenceRuntimeInfo('webgpu')
    expect(info.device).toBe('CPU')
    expect(info.note).toMatch(/^webgpu: no adapter found; running on CPU/)
  })
})
