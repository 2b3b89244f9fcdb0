import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { closeSessions, ModelLoadError, openSession, physicalCoreCount, providerChoices } from '../../src-main/inference/ort-session'
import { resnetGenerator, seededWeights } from '../../src-main/onnx'

const model = resnetGenerator({ inChannels: 3, outChannels: 3, ngf: 8, nBlocks: 1, upsampling: 'transpose', weights: seededWeights(1) }).bytes
const dir = mkdtempSync(join(tmpdir(), 'ort-session-'))

afterAll(closeSessions)

describe('openSession', () => {
  it('runs on the CPU when asked, saying so', async () => {
    const opened = await openSession(model, 'cpu')
    expect(opened.provider).toBe('cpu')
    expect(opened.note).toBe(`running on CPU (${physicalCoreCount()} threads)`)
    expect(opened.session.inputNames).toEqual(['input'])
  })

  it.runIf(process.platform === 'linux')('falls back from WebGPU to the CPU with a note when there is no adapter', async () => {
    const opened = await openSession(model, 'webgpu')
    expect(opened.provider).toBe('cpu')
    expect(opened.note).toMatch(/^webgpu: no adapter found; running on CPU/)
  })

  it.runIf(process.platform === 'linux')('falls back from CUDA to the CPU when its libraries are missing', async () => {
    const opened = await openSession(model, 'cuda')
    expect(opened.provider).toBe('cpu')
    expect(opened.note).toMatch(/^cuda: its libraries are not installed; running on CPU/)
  })

  it('refuses providers the platform does not offer, with a note', async () => {
    const foreign = process.platform === 'win32' ? 'coreml' : 'dml'
    const opened = await openSession(model, foreign)
    expect([opened.provider, opened.note]).toEqual(['cpu', `${foreign}: not offered on ${process.platform}; running on CPU (${physicalCoreCount()} threads)`])
  })

  it('reuses the session for the same model bytes or file and preference', async () => {
    const path = join(dir, 'model.onnx')
    writeFileSync(path, model)
    const [a, b] = [await openSession(model, 'cpu'), await openSession(Uint8Array.from(model), 'cpu')]
    expect(a.session).toBe(b.session)
    expect((await openSession(path, 'cpu')).session).toBe((await openSession(path, 'cpu')).session)
    expect((await openSession(path, 'cpu')).session).not.toBe(a.session)
  })

  it('reports a corrupt model file as such, not with onnxruntime’s own text', async () => {
    const path = join(dir, 'corrupt.onnx')
    writeFileSync(path, model.subarray(0, 1000))
    const error = await openSession(path, 'auto').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ModelLoadError)
    expect((error as Error).message).toBe(`not a valid ONNX model (corrupt or truncated file): ${path}`)
  })

  it('reports a missing model file', async () => {
    const path = join(dir, 'missing.onnx')
    await expect(openSession(path, 'cpu')).rejects.toThrow(`model file not found: ${path}`)
  })
})

describe('providerChoices', () => {
  it('offers auto and the CPU everywhere, and marks providers this platform lacks unavailable with the reason', () => {
    const choices = providerChoices()
    expect(choices.map((c) => c.id)).toEqual(['auto', 'cpu', 'cuda', 'webgpu', 'dml', 'coreml'])
    expect(choices.filter((c) => c.id === 'auto' || c.id === 'cpu').every((c) => c.available)).toBe(true)
    const foreign = choices.find((c) => c.id === (process.platform === 'win32' ? 'coreml' : 'dml'))
    expect(foreign).toEqual({ id: foreign?.id, available: false, note: `not offered on ${process.platform}` })
  })
})
