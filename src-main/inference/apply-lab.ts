import type { InferenceSession } from 'onnxruntime-node'
import type { RawImage } from '../imaging'
import { linearNormalisation } from '../models/normalisation'
import type { ModelCard } from '../../src-preload/model-card'
import type { ApplyOptions, ApplyResult } from './apply-model'
import { colorize, DEFAULT_RENDER_SIZE, LAB_NORMALISATION, type ChromaPredictor } from './colorize'
import { onnxChromaPredictor } from './colorize-onnx'
import { openSession } from './ort-session'

/**
 * Colorizes with a 'lab-chroma' model: L in, ab out, at the render size; the full-size L is kept (see colorize).
 * `mask`: one weight 0..1 per pixel of `image`, limiting where the chroma changes.
 */
export async function applyLabChroma(card: ModelCard, modelPath: string, image: RawImage, options: ApplyOptions, mask?: Float32Array): Promise<ApplyResult> {
  const { session, provider, note } = await openSession(modelPath, options.provider)
  options.signal?.throwIfAborted()
  options.onProgress?.(0, 1)
  const result = await colorize(image, cardPredictor(card, session), {
    renderSize: options.renderSize ?? card.recommended.renderSize ?? DEFAULT_RENDER_SIZE,
    sizeMultiple: card.sizeMultiple,
    strength: options.strength,
    mask,
    signal: options.signal
  })
  options.onProgress?.(1, 1)
  return { image: result, provider, note }
}

/**
 * colorize speaks LAB_NORMALISATION (L / 50 − 1 in, ab / 110 out); this predictor translates to and from the
 * card's own normalisation, so any linear convention a card declares runs as declared.
 */
function cardPredictor(card: ModelCard, session: InferenceSession): ChromaPredictor {
  const predict = onnxChromaPredictor(session)
  const input = linearNormalisation(card.input.normalisation, 'L')
  const output = linearNormalisation(card.output.normalisation, 'ab')
  const { lightnessScale, lightnessOffset, chromaScale } = LAB_NORMALISATION
  return async (L, height, width) => {
    const model = new Float32Array(L.length)
    for (let i = 0; i < L.length; i++) model[i] = (L[i]! - lightnessOffset) * lightnessScale * input.scale + input.offset
    const ab = await predict(model, height, width)
    const back = new Float32Array(ab.length)
    for (let i = 0; i < ab.length; i++) back[i] = (ab[i]! - output.offset) / output.scale / chromaScale
    return back
  }
}
