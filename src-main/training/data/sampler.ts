import { join } from 'node:path'
import { z } from 'zod'
import { Rng } from '../rng'
import type { Batch } from '../trainer'
import { isPaired, type DatasetFiles } from './dataset-files'
import { ImageCache } from './image-cache'
import { labTensors, rgbTensor, type Crop } from './model-tensors'
import { loadTrainingImage, type RgbPixels } from './training-image'


/** Everything the sampler will draw next depends on: saved in checkpoints so a resumed run draws the same crops. */
export const SamplerState = z.object({
  rng: z.array(z.number().int().min(0).max(0xffffffff)).length(4),
  /** This epoch's order of `a` (paired: of the pairs). */
  order: z.array(z.number().int().min(0)),
  position: z.number().int().min(0)
})
export type SamplerState = z.infer<typeof SamplerState>

/** The reference's load_size / crop_size (286 / 256): the shorter side is scaled to this multiple of the crop. */
export const LOAD_SCALE = 286 / 256
/** Decoded images kept in memory, per sampler. */
export const DEFAULT_CACHE_BYTES = 256 * 1024 * 1024

/**
 * Draws batches like the reference's datasets: A in a shuffled order each epoch, B (unpaired) at random, each
 * image scaled so its shorter side is LOAD_SCALE × size, randomly cropped to size × size and mirrored half the time
 * (a pair cropped and mirrored alike). Deterministic given its state.
 */
export class Sampler {
  private readonly rng: Rng
  private order: number[]
  private position: number
  private readonly cache: ImageCache
  readonly loadSize: number

  constructor(
    readonly files: DatasetFiles,
    readonly size: number,
    state: SamplerState | { seed: number },
    cacheBytes = DEFAULT_CACHE_BYTES
  ) {
    if (!files.a.length || !files.b.length) throw new Error('a sampler needs images on both sides')
    if (isPaired(files.mode) && files.a.length !== files.b.length) throw new Error('paired sides must hold the same number of files')
    this.loadSize = Math.round(size * LOAD_SCALE)
    this.cache = new ImageCache((path) => loadTrainingImage(path, this.loadSize), cacheBytes)
    if ('seed' in state) {
      this.rng = Rng.fromSeed(state.seed)
      this.order = this.shuffled()
      this.position = 0
    } else {
      if (state.order.length !== files.a.length || state.order.some((i) => i >= files.a.length)) throw new Error('the saved sampler state does not fit this data set')
      this.rng = Rng.fromState(state.rng)
      this.order = [...state.order]
      this.position = state.position
    }
  }

  state(): SamplerState {
    return { rng: this.rng.state(), order: [...this.order], position: this.position }
  }

  async next(): Promise<Batch> {
    if (this.position >= this.order.length) {
      this.order = this.shuffled()
      this.position = 0
    }
    const index = this.order[this.position++]!
    const { files } = this
    const paired = isPaired(files.mode)
    const imageA = await this.image('a', index)
    if (files.mode === 'colorize') {
      const { L, ab } = labTensors(imageA, this.randomCrop(imageA))
      return { a: L, b: ab }
    }
    const imageB = await this.image('b', paired ? index : this.rng.below(files.b.length))
    // A pair is cut alike: scaled to the same shorter side, the two differ by a rounded pixel at most.
    const cropA = this.randomCrop(paired ? { width: Math.min(imageA.width, imageB.width), height: Math.min(imageA.height, imageB.height) } : imageA)
    const cropB = paired ? cropA : this.randomCrop(imageB)
    return { a: rgbTensor(imageA, cropA), b: rgbTensor(imageB, cropB) }
  }

  /** Centre crops of up to `count` images per side spread over the data set: the inputs sample grids are made from. */
  async fixedInputs(count: number): Promise<{ a: Float32Array[]; b: Float32Array[] }> {
    const pick = (length: number) => Array.from({ length: Math.min(count, length) }, (_, i) => Math.floor((i * length) / Math.min(count, length)))
    const tensors = async (side: 'a' | 'b', indices: number[]) => {
      const out: Float32Array[] = []
      for (const index of indices) {
        const image = await this.image(side, index)
        const crop = this.centreCrop(image)
        out.push(this.files.mode === 'colorize' ? (side === 'a' ? labTensors(image, crop).L : labTensors(image, crop).ab) : rgbTensor(image, crop))
      }
      return out
    }
    const a = pick(this.files.a.length)
    return { a: await tensors('a', a), b: await tensors('b', isPaired(this.files.mode) ? a : pick(this.files.b.length)) }
  }

  private image(side: 'a' | 'b', index: number): Promise<RgbPixels> {
    const root = side === 'a' ? this.files.rootA : this.files.rootB
    return this.cache.get(join(root, this.files[side][index]!))
  }

  private randomCrop(image: { width: number; height: number }): Crop {
    const x = this.rng.below(image.width - this.size + 1)
    const y = this.rng.below(image.height - this.size + 1)
    return { x, y, size: this.size, flip: this.rng.uniform() < 0.5 }
  }

  private centreCrop(image: RgbPixels): Crop {
    return { x: (image.width - this.size) >> 1, y: (image.height - this.size) >> 1, size: this.size, flip: false }
  }

  /** Fisher–Yates over the indices of `a`. */
  private shuffled(): number[] {
    const order = Array.from(this.files.a, (_, i) => i)
    for (let i = order.length - 1; i > 0; i--) {
      const j = this.rng.below(i + 1)
      ;[order[i], order[j]] = [order[j]!, order[i]!]
    }
    return order
  }
}
