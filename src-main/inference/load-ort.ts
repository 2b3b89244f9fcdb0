import { createRequire } from 'node:module'

type Ort = typeof import('onnxruntime-node')
let ort: Ort | undefined

/** onnxruntime-node, loaded once and only when first needed (its native library is large). */
export function loadOrt(): Ort {
  if (!ort) {
    ort = createRequire(import.meta.url)('onnxruntime-node') as Ort
    // A GPU provider that cannot load is reported in the session's note; ORT's global logger would also print it.
    ort.env.logLevel = 'fatal'
  }
  return ort
}
