/** Loaded tile images, least recently used first out; tiles in use are never dropped. */
export class TileCache {
  private readonly images = new Map<string, HTMLImageElement>()

  constructor(private readonly capacity: number) {}

  /** The image for this URL, loading it if needed; exactly one of the callbacks runs once it is settled. */
  load(url: string, onLoad: (image: HTMLImageElement) => void, onFail: () => void): void {
    let image = this.images.get(url)
    if (image) {
      this.images.delete(url)
    } else {
      image = new Image()
      image.decoding = 'async'
      image.src = url
    }
    this.images.set(url, image)
    const settled = image
    if (settled.complete && settled.naturalWidth > 0) return onLoad(settled)
    settled.addEventListener('load', () => onLoad(settled), { once: true })
    settled.addEventListener(
      'error',
      () => {
        if (this.images.get(url) === settled) this.images.delete(url)
        onFail()
      },
      { once: true }
    )
  }

  evict(inUse: Set<string>): void {
    for (const url of this.images.keys()) {
      if (this.images.size <= this.capacity) return
      if (!inUse.has(url)) this.images.delete(url)
    }
  }

  clear(): void {
    this.images.clear()
  }
}
