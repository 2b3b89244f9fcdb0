import type { SystemInfo } from '../../src-preload/contract'
import { loadOrt } from './load-ort'


/** Which inference engine and device run; CPU until an execution provider is chosen in Settings. */
export function inferenceRuntimeInfo(): SystemInfo['compute']['inference'] {
  try {
    const ort = loadOrt()
    const providers = ort.listSupportedBackends().map((b) => (b.bundled ? b.name : `${b.name} (needs its libraries)`))
    return { engine: `onnxruntime-node ${ort.env.versions.node ?? ''}`.trim(), device: 'CPU', note: `execution providers: ${providers.join(', ')}` }
  } catch (err) {
    return { engine: 'unavailable', device: 'none', note: `onnxruntime-node failed to load: ${(err as Error).message}` }
  }
}
