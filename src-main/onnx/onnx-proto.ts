import { createRequire } from 'node:module'

// onnx-proto is CommonJS assigning `module.exports = $root`; Node's ESM loader cannot see its named
// export, so `import { onnx } from 'onnx-proto'` type-checks but throws at runtime.
const require = createRequire(import.meta.url)

export const { onnx } = require('onnx-proto') as typeof import('onnx-proto')
