import { spawn } from 'node:child_process'
import { readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { readCheckpoint, writeCheckpoint, type CheckpointContents } from '../../src-main/training/checkpoints/checkpoint-file'
import { tempSiblingPath } from '../../src-main/common/atomic-write'
import { CheckpointStore } from '../../src-main/training/checkpoints/checkpoint-store'
import { tempDir } from '../helpers/temp-dir'

const REPO = fileURLToPath(new URL('../..', import.meta.url))
const STORE_MODULE = fileURLToPath(new URL('../../src-main/training/checkpoints/checkpoint-store.ts', import.meta.url))

function contents(seed: number, floats = 1000): CheckpointContents {
  const data = Float32Array.from({ length: floats }, (_, i) => Math.sin(i * seed) * 1e3)
  return {
    meta: { step: seed, sampler: { rng: [1, 2, 3, 4] } },
    tensors: [
      { name: 'weights/g.conv', shape: [floats / 10, 10], data },
      { name: 'pools/a/0', shape: [3], data: Float32Array.of(NaN, -0, Infinity) },
      { name: 'empty', shape: [0], data: new Float32Array(0) }
    ]
  }
}

describe('checkpoint files', () => {
  it('round-trip every float bit for bit, with their names, shapes and the JSON record', async () => {
    const path = join(tempDir(), 'step-5.ckpt')
    const written = contents(5)
    await writeCheckpoint(path, written)
    const read = await readCheckpoint(path)
    expect(read.meta).toEqual(written.meta)
    expect(read.tensors.map((t) => [t.name, t.shape])).toEqual(written.tensors.map((t) => [t.name, t.shape]))
    for (const [i, tensor] of read.tensors.entries()) {
      expect(Buffer.from(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength).equals(Buffer.from(written.tensors[i]!.data.buffer))).toBe(true)
    }
  })

  it('name a truncated file, a damaged one, a stranger and a newer version specifically', async () => {
    const dir = tempDir()
    const path = join(dir, 'c.ckpt')
    await writeCheckpoint(path, contents(3))
    const whole = readFileSync(path)
    const expectError = async (bytes: Buffer, code: string, message: RegExp) => {
      writeFileSync(path, bytes)
      await expect(readCheckpoint(path)).rejects.toMatchObject({ code, message: expect.stringMatching(message) })
    }
    await expectError(whole.subarray(0, whole.length - 100), 'checkpoint-truncated', /ends after \d+ of its 4012 bytes of weights/)
    await expectError(whole.subarray(0, 40), 'checkpoint-truncated', /inside its \d+-byte header/)
    await expectError(whole.subarray(0, 5), 'checkpoint-truncated', /inside its signature/)
    const flipped = Buffer.from(whole)
    flipped[flipped.length - 7]! ^= 0x10
    await expectError(flipped, 'checkpoint-corrupt', /do not match their checksum/)
    await expectError(Buffer.from('{"hello": "world"}'), 'checkpoint-corrupt', /not a GAN Studio checkpoint/)
    const newer = Buffer.from(whole.toString('latin1').replace('"version":1', '"version":9'), 'latin1')
    await expectError(newer, 'checkpoint-version', /newer GAN Studio \(checkpoint version 9/)
    await expectError(Buffer.concat([whole, Buffer.from('xx')]), 'checkpoint-corrupt', /2 bytes follow/)
  })

  it('a store keeps the newest two and falls back past a damaged newest', async () => {
    const store = new CheckpointStore(join(tempDir(), 'checkpoints'))
    for (const step of [2, 4, 6]) await store.save(step, contents(step))
    expect(await store.steps()).toEqual([6, 4])
    truncateSync(join(store.dir, 'step-6.ckpt'), 50)
    const warnings: string[] = []
    const latest = await store.latest((w) => warnings.push(w))
    expect(latest?.step).toBe(4)
    expect(latest?.meta).toEqual(contents(4).meta)
    expect(warnings).toEqual([expect.stringMatching(/step-6\.ckpt: the file ends after 50 bytes/)])
    expect(await new CheckpointStore(join(store.dir, 'none')).latest()).toBeUndefined()
  })

  it('a kill in the middle of writing leaves the last good checkpoint whole; the temp file is swept', async () => {
    const dir = join(tempDir(), 'checkpoints')
    const script = join(tempDir(), 'writer.mts')
    writeFileSync(
      script,
      `import { CheckpointStore } from ${JSON.stringify(STORE_MODULE)}
       const store = new CheckpointStore(${JSON.stringify(dir)})
       await store.save(1, { meta: { step: 1 }, tensors: [{ name: 'w', shape: [4], data: Float32Array.of(1, 2, 3, 4) }] })
       const big = new Float32Array(32 * 1024 * 1024)
       const tensors = Array.from({ length: 8 }, (_, i) => ({ name: 'w' + i, shape: [big.length], data: big }))
       setTimeout(() => console.log('writing'), 150)
       await store.save(2, { meta: { step: 2 }, tensors })
       console.log('finished')`
    )
    const lines: string[] = []
    const signal = await new Promise<NodeJS.Signals | null>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] })
      child.stdout.on('data', (chunk: Buffer) => {
        lines.push(...chunk.toString().trim().split('\n'))
        if (lines.includes('writing')) child.kill('SIGKILL')
      })
      child.on('error', reject)
      child.on('exit', (_code, sig) => resolve(sig))
    })
    expect(signal).toBe('SIGKILL')
    expect(lines).not.toContain('finished')
    const leftovers = readdirSync(dir)
    expect(leftovers).toContain('step-1.ckpt')
    expect(leftovers).not.toContain('step-2.ckpt')
    // Where the kill lands decides whether the half-written temp file exists yet; one left by an earlier kill is swept too.
    writeFileSync(tempSiblingPath(join(dir, 'step-2.ckpt')), 'half a checkpoint')
    const store = new CheckpointStore(dir)
    await store.sweep()
    expect(readdirSync(dir)).toEqual(['step-1.ckpt'])
    expect((await store.latest())?.tensors[0]?.data).toEqual(Float32Array.of(1, 2, 3, 4))
  })
})
