import { createRequire } from 'node:module'

type Ort = typeof import('onnxruntime-node')
let ort: Ort | undefined

/** onnxruntime-node, loaded once and only when first needed (its native library is large). */
export function loadOrt(): Ort {
  ort ??= createRequire(import.meta.url)('onnxruntime-node') as Ort
  return ort
}
