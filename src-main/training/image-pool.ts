import type { Rng } from './rng'

/**
 * The reference's ImagePool: the discriminator sees a generated image from the history half of the time once the
 * pool is full, which damps oscillation. Images are kept as plain arrays so the pool can be snapshotted.
 */
export class ImagePool {
  constructor(
    private readonly capacity: number,
    private readonly rng: Rng,
    readonly images: Float32Array[] = []
  ) {
    if (images.length > capacity) throw new Error(`the image pool holds ${images.length} images, more than its size ${capacity}`)
  }

  /** The image to show the discriminator in place of `image`, which joins the pool. */
  query(image: Float32Array): Float32Array {
    if (this.capacity === 0) return image
    if (this.images.length < this.capacity) {
      this.images.push(image)
      return image
    }
    if (this.rng.uniform() > 0.5) {
      const index = this.rng.below(this.capacity)
      const previous = this.images[index]!
      this.images[index] = image
      return previous
    }
    return image
  }
}
