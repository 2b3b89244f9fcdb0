import type { Diversity } from '../../../src-preload/training-run'
import { labToRgb } from '../../imaging'
import { LAB_NORMALISATION } from '../../inference/colorize'
import type { TrainMode } from '../config'

/** One row of a grid: square NHWC tensors, model-normalised, shown side by side. */
type Cell = { tensor: Float32Array; kind: 'rgb' | 'L' | 'Lab'; L?: Float32Array }
/** Output diversity over reference diversity below this: the outputs are collapsing onto one. */
export const COLLAPSE_RATIO = 0.1

export interface SampleSet {
  /** Fixed inputs (A), and for cyclegan fixed B images, for paired modes the targets of the A inputs. */
  a: Float32Array[]
  b: Float32Array[]
  /** The generators' current outputs for a (A→B) and, cyclegan only, for b (B→A). */
  aToB: Float32Array[]
  bToA: Float32Array[]
}

/**
 * Rows of [A, G(A), B, F(B)] (cyclegan) or [input, output, target] (pix2pix; colorize shows the grey input, the
 * colours predicted for it and the photo's own), as 8-bit RGB pixels, `size` px cells.
 */
export function sampleGrid(mode: TrainMode, size: number, set: SampleSet): { data: Buffer; width: number; height: number } {
  const rows: Cell[][] = set.a.map((a, i) => {
    if (mode === 'colorize') return [{ tensor: a, kind: 'L' }, { tensor: set.aToB[i]!, kind: 'Lab', L: a }, { tensor: set.b[i]!, kind: 'Lab', L: a }]
    const row: Cell[] = [{ tensor: a, kind: 'rgb' }, { tensor: set.aToB[i]!, kind: 'rgb' }]
    if (mode === 'pix2pix') return [...row, { tensor: set.b[i]!, kind: 'rgb' }]
    return set.b[i] ? [...row, { tensor: set.b[i]!, kind: 'rgb' }, { tensor: set.bToA[i]!, kind: 'rgb' }] : row
  })
  const columns = Math.max(...rows.map((row) => row.length))
  const width = columns * size
  const height = rows.length * size
  const data = Buffer.alloc(width * height * 3, 255)
  rows.forEach((row, r) =>
    row.forEach((cell, c) => {
      const pixels = cellPixels(cell, size)
      for (let y = 0; y < size; y++) pixels.copy(data, ((r * size + y) * width + c * size) * 3, y * size * 3, (y + 1) * size * 3)
    })
  )
  return { data, width, height }
}

function cellPixels(cell: Cell, size: number): Buffer {
  const pixels = size * size
  if (cell.kind === 'rgb') return Buffer.from(Uint8Array.from(cell.tensor, (v) => Math.round((Math.min(Math.max(v, -1), 1) + 1) * 127.5)))
  const { lightnessScale, lightnessOffset, chromaScale } = LAB_NORMALISATION
  const L = Float32Array.from(cell.kind === 'L' ? cell.tensor : cell.L!, (v) => (v - lightnessOffset) * lightnessScale)
  const a = new Float32Array(pixels)
  const b = new Float32Array(pixels)
  if (cell.kind === 'Lab') for (let i = 0; i < pixels; i++) [a[i], b[i]] = [cell.tensor[i * 2]! * chromaScale, cell.tensor[i * 2 + 1]! * chromaScale]
  return labToRgb(L, a, b, size, size, 8).data
}

/**
 * How different the outputs are from one another, relative to how different they should be: the targets (paired
 * modes) or the inputs (cyclegan). Mean pairwise Euclidean distance; directions with fewer than two samples are left out.
 */
export function diversity(mode: TrainMode, step: number, set: SampleSet): Diversity {
  const ratio: Record<string, number> = {}
  const spread = (tensors: Float32Array[]) => meanPairwiseDistance(tensors)
  if (set.aToB.length >= 2) ratio.AtoB = spread(set.aToB) / Math.max(spread(mode === 'cyclegan' ? set.a : set.b), 1e-6)
  if (mode === 'cyclegan' && set.bToA.length >= 2) ratio.BtoA = spread(set.bToA) / Math.max(spread(set.b), 1e-6)
  return { step, ratio, collapsing: Object.values(ratio).some((r) => r < COLLAPSE_RATIO) }
}

function meanPairwiseDistance(tensors: Float32Array[]): number {
  let sum = 0
  let pairs = 0
  for (let i = 0; i < tensors.length; i++) {
    for (let j = i + 1; j < tensors.length; j++) {
      const [x, y] = [tensors[i]!, tensors[j]!]
      let squares = 0
      for (let k = 0; k < x.length; k++) squares += (x[k]! - y[k]!) ** 2
      sum += Math.sqrt(squares / x.length)
      pairs++
    }
  }
  return pairs ? sum / pairs : 0
}
