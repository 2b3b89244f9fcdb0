import type { RgbPixels } from './training-image'

/** Decoded training images by path, the least recently used dropped once they hold more than `maxBytes`. */
export class ImageCache {
  private readonly images = new Map<string, RgbPixels>()
  private bytes = 0

  constructor(
    private readonly load: (path: string) => Promise<RgbPixels>,
    private readonly maxBytes: number
  ) {}

  async get(path: string): Promise<RgbPixels> {
    const cached = this.images.get(path)
    if (cached) {
      this.images.delete(path)
      this.images.set(path, cached)
      return cached
    }
    const image = await this.load(path)
    this.images.set(path, image)
    this.bytes += image.data.byteLength
    for (const [oldest, old] of this.images) {
      if (this.bytes <= this.maxBytes || oldest === path) break
      this.images.delete(oldest)
      this.bytes -= old.data.byteLength
    }
    return image
  }

  get heldBytes(): number {
    return this.bytes
  }
}
