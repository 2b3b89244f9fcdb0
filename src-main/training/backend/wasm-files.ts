import { createRequire } from 'node:module'
import { dirname, join, sep } from 'node:path'

/**
 * The folder holding tfjs-backend-wasm's .wasm binaries, found through Node's resolution from this
 * module, so it holds whether the main process runs from source or bundled into out/main
 * (dependencies stay external there and keep their node_modules layout).
 */
export function wasmBinaryFolder(): string {
  const pkg = createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/package.json')
  return join(dirname(pkg), 'dist') + sep
}
