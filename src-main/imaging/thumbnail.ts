import { withImageErrors } from './failures'
import { openImage, type OpenOptions } from './open'

const THUMBNAIL_QUALITY = 80

/** A WebP of the upright image in sRGB, fitting inside size×size (never enlarged), alpha kept. */
export async function makeThumbnail(input: string | Buffer, size = 256, opts: OpenOptions = {}): Promise<Buffer> {
  const { pipeline } = await openImage(input, opts)
  return withImageErrors(input, () =>
    pipeline
      .rotate()
      .resize(size, size, { fit: 'inside', withoutEnlargement: true })
      .toColourspace('srgb')
      .webp({ quality: THUMBNAIL_QUALITY })
      .toBuffer()
  )
}
