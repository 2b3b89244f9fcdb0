import type { ExecutionProvider, SystemInfo } from '../../src-preload/contract'
import { loadOrt } from './load-ort'
import { providerChoices } from './ort-session'

/** Which inference engine runs, and the execution providers Settings may prefer. */
export function inferenceRuntimeInfo(preference: ExecutionProvider): SystemInfo['compute']['inference'] {
  try {
    const ort = loadOrt()
    const choices = providerChoices()
    const gpu = choices.find((c) => c.id !== 'auto' && c.id !== 'cpu' && c.available && (preference === 'auto' || c.id === preference))
    const providers = ort.listSupportedBackends().map((b) => (b.bundled ? b.name : `${b.name} (needs its libraries)`))
    return { engine: `onnxruntime-node ${ort.env.versions.node ?? ''}`.trim(), device: gpu ? `${gpu.id}, CPU when it cannot open` : 'CPU', note: `execution providers: ${providers.join(', ')}`, providers: choices }
  } catch (err) {
    return { engine: 'unavailable', device: 'none', note: `onnxruntime-node failed to load: ${(err as Error).message}`, providers: [] }
  }
}
