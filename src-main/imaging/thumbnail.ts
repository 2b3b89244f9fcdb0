import type { Sharp } from 'sharp'
import { withImageErrors } from './failures'
import { openImage, type OpenOptions } from './open'
import { describeImage, type ImageInfo } from './probe'

const THUMBNAIL_QUALITY = 80

/** A WebP of the upright image in sRGB, fitting inside size×size (never enlarged), alpha kept. */
function thumbnailOf(input: string | Buffer, pipeline: Sharp, size: number): Promise<Buffer> {
  return withImageErrors(input, () =>
    pipeline
      .rotate()
      .resize(size, size, { fit: 'inside', withoutEnlargement: true })
      .toColourspace('srgb')
      .webp({ quality: THUMBNAIL_QUALITY })
      .toBuffer()
  )
}

/**
 * What an import needs in one decode: the image's description and its thumbnail. Making the thumbnail
 * reads every compressed byte with truncation fatal, so it proves the file whole.
 */
export async function inspectWithThumbnail(input: string | Buffer, size = 256, opts: OpenOptions = {}): Promise<{ info: ImageInfo; thumbnail: Buffer }> {
  const { meta, format, pipeline } = await openImage(input, opts)
  const thumbnail = await thumbnailOf(input, pipeline, size)
  return { info: describeImage(meta, format), thumbnail }
}
