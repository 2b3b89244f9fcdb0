import type { InferenceSession } from 'onnxruntime-node'
import type { ChromaPredictor } from './colorize'
import { loadOrt } from './load-ort'


/** A ChromaPredictor running an ONNX session whose first input takes L (1×1×h×w) and first output gives ab (1×2×h×w). */
export function onnxChromaPredictor(session: InferenceSession): ChromaPredictor {
  const { Tensor } = loadOrt()
  const [inputName] = session.inputNames
  const [outputName] = session.outputNames
  if (!inputName || !outputName) throw new Error('the colorization model needs an input and an output')
  return async (L, height, width) => {
    const results = await session.run({ [inputName]: new Tensor('float32', L, [1, 1, height, width]) })
    const ab = results[outputName]
    if (!ab || ab.type !== 'float32') throw new Error(`the colorization model's output "${outputName}" is not float32`)
    const [n, channels, outHeight, outWidth] = ab.dims
    if (n !== 1 || channels !== 2 || outHeight !== height || outWidth !== width) {
      throw new Error(`the colorization model returned ${ab.dims.join('×')}; 1×2×${height}×${width} expected`)
    }
    return ab.data as Float32Array
  }
}
