import { readFile } from 'node:fs/promises'
import type { InferenceSession, Tensor } from 'onnxruntime-node'
import { globalInstanceNormModels } from '../onnx/instance-norm-stats'
import { loadOrt } from './load-ort'
import { openSession, type ProviderPreference } from './ort-session'
import { roundUp, tileSpans, type TileSpan } from './tiled-layout'
import { cropReflected, fitLongestSide, resizePlanar } from './tiled-pixels'

export interface TiledRunOptions {
  /** Tile height and width fed to the model (a multiple of sizeMultiple), e.g. 512. */
  tile: number
  /** Least overlap of neighbouring tiles (a multiple of sizeMultiple, at most half the tile), e.g. 64. */
  overlap: number
  /**
   * Width of the linear blend at the middle of each overlap; default half the overlap. The rest of the overlap
   * is context only: pixels that near a tile's inner edge are dropped, so a narrower feather is more exact.
   */
  feather?: number
  /** The model's size granularity: 4 for generators with two stride-2 downsamples. */
  sizeMultiple: number
  /** Longest side of the downscaled whole image whose instance-norm statistics every tile uses; default 512. */
  statsSize?: number
  /** 'global' (default): tiles share the whole image's statistics; 'per-tile': each tile normalises itself. */
  normalisation?: 'global' | 'per-tile'
  /** Runs the model on the image reduced so its longest side is at most this, and enlarges the result. */
  workingSize?: number
  provider?: ProviderPreference
  /** Checked between tiles; an abort rejects with the signal's reason. */
  signal?: AbortSignal
  onProgress?(done: number, total: number): void
}

const DEFAULT_STATS_SIZE = 512

/**
 * Runs an image-to-image model that keeps the size (input 1×C×H×W planar, e.g. RGB in [−1, 1]) over overlapping
 * tiles blended with feathered weights, returning its 1×C_out×H×W output. Memory beyond the input and output
 * stays at a few tiles plus the session's own, whatever the image size.
 */
export async function runTiled(
  image: Float32Array,
  height: number,
  width: number,
  model: string | Uint8Array,
  options: TiledRunOptions
): Promise<Float32Array> {
  const channels = image.length / (height * width)
  if (!Number.isInteger(channels) || channels < 1) throw new RangeError(`image has ${image.length} values, not a whole number of ${height}×${width} channels`)
  const { workingSize } = options
  if (workingSize === undefined || Math.max(height, width) <= workingSize) return runAtSize(image, [channels, height, width], model, options)
  const small = fitLongestSide(height, width, workingSize)
  const smallOutput = await runAtSize(resizePlanar(image, [channels, height, width], small), [channels, ...small], model, options)
  return resizePlanar(smallOutput, [smallOutput.length / (small[0] * small[1]), ...small], [height, width])
}

type Shape = readonly [channels: number, height: number, width: number]

async function runAtSize(image: Float32Array, shape: Shape, model: string | Uint8Array, o: TiledRunOptions): Promise<Float32Array> {
  const [channels, height, width] = shape
  const grid = { tile: o.tile, overlap: o.overlap, feather: o.feather ?? o.overlap / 2, multiple: o.sizeMultiple }
  const [rows, columns] = [tileSpans(height, grid), tileSpans(width, grid)]
  const { session, statistics } = await tileSession(image, shape, model, o)
  const ort = loadOrt()
  const [inputName = 'input'] = session.inputNames.filter((name) => !(name in statistics))
  const [outputName = 'output'] = session.outputNames
  const total = rows.length * columns.length
  let output: Float32Array | undefined
  let done = 0
  o.onProgress?.(0, total)
  for (const row of rows) {
    for (const column of columns) {
      o.signal?.throwIfAborted()
      const crop = cropReflected(image, shape, [row.start, column.start, row.size, column.size])
      const input = new ort.Tensor('float32', crop, [1, channels, row.size, column.size])
      const result = (await session.run({ ...statistics, [inputName]: input }))[outputName]
      if (!result) throw new Error(`the model has no output named ${outputName}`)
      const [, outChannels = 0, outHeight, outWidth] = result.dims
      if (outHeight !== row.size || outWidth !== column.size) {
        throw new Error(`the model turned a ${row.size}×${column.size} tile into ${outHeight}×${outWidth}; tiling needs a model that keeps the size`)
      }
      output ??= new Float32Array(outChannels * height * width)
      accumulateTile(output, [outChannels, height, width], result.data as Float32Array, row, column)
      o.onProgress?.(++done, total)
    }
  }
  if (!output) throw new Error('no tiles to run')
  return output
}

/** The session each tile runs on, and the statistics it needs (none for per-tile normalisation). */
async function tileSession(
  image: Float32Array,
  shape: Shape,
  model: string | Uint8Array,
  o: TiledRunOptions
): Promise<{ session: InferenceSession; statistics: Record<string, Tensor> }> {
  if (o.normalisation === 'per-tile') return { session: (await openSession(model, o.provider)).session, statistics: {} }
  const split = globalInstanceNormModels(typeof model === 'string' ? await readFile(model) : model)
  const apply = (await openSession(split.apply, o.provider)).session
  if (split.statistics.length === 0) return { session: apply, statistics: {} }
  const { session: stats } = await openSession(split.stats, o.provider)
  o.signal?.throwIfAborted()
  const results = await stats.run({ [stats.inputNames[0] ?? 'input']: statsInput(image, shape, o) })
  return { session: apply, statistics: Object.fromEntries(split.statistics.map((name) => [name, results[name]!])) }
}

/** The whole image, reduced to fit statsSize and reflect-padded to the size multiple, as a 1×C×h×w tensor. */
function statsInput(image: Float32Array, [channels, height, width]: Shape, o: TiledRunOptions): Tensor {
  const [h, w] = fitLongestSide(height, width, o.statsSize ?? DEFAULT_STATS_SIZE)
  const reduced = h < height || w < width ? resizePlanar(image, [channels, height, width], [h, w]) : image
  const [paddedH, paddedW] = [roundUp(h, o.sizeMultiple), roundUp(w, o.sizeMultiple)]
  const padded = paddedH === h && paddedW === w ? reduced : cropReflected(reduced, [channels, h, w], [0, 0, paddedH, paddedW])
  return new (loadOrt().Tensor)('float32', padded, [1, channels, paddedH, paddedW])
}

/** Adds the tile, weighted by its row and column weights, to the pixels of `output` it covers. */
function accumulateTile(output: Float32Array, [channels, height, width]: Shape, tile: Float32Array, row: TileSpan, column: TileSpan): void {
  const visibleWidth = Math.min(column.size, width - column.start)
  for (let c = 0; c < channels; c++) {
    for (let y = 0; y < row.size && row.start + y < height; y++) {
      const rowWeight = row.weights[y]!
      const source = (c * row.size + y) * column.size
      const target = (c * height + row.start + y) * width + column.start
      for (let x = 0; x < visibleWidth; x++) output[target + x]! += tile[source + x]! * rowWeight * column.weights[x]!
    }
  }
}
