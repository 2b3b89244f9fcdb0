import type { ExecutionProvider, SystemInfo } from '../../src-preload/contract'
import { GraphBuilder, seededWeights } from '../onnx'
import { loadOrt } from './load-ort'
import { openSession, providerChoices } from './ort-session'

let probeModel: Uint8Array | undefined

/** A one-convolution model: opening it on a provider shows whether that provider really runs here. */
function probe(): Uint8Array {
  if (!probeModel) {
    const g = new GraphBuilder({ inChannels: 3, weights: seededWeights(0) })
    probeModel = g.build(g.conv(g.input, { name: 'probe', outChannels: 3, kernel: 1 })).bytes
  }
  return probeModel
}

/**
 * Which inference engine runs and on what: a session is opened on the preferred provider (cached), so a
 * GPU provider whose drivers or adapter are missing shows up as the CPU, with the reason.
 */
export async function inferenceRuntimeInfo(preference: ExecutionProvider): Promise<SystemInfo['compute']['inference']> {
  try {
    const ort = loadOrt()
    const opened = await openSession(probe(), preference)
    const device = opened.provider === 'cpu' ? 'CPU' : opened.provider
    return { engine: `onnxruntime-node ${ort.env.versions.node ?? ''}`.trim(), device, note: opened.note, providers: providerChoices() }
  } catch (err) {
    return { engine: 'unavailable', device: 'none', note: `onnxruntime-node failed to load: ${(err as Error).message}`, providers: [] }
  }
}
