import sharp from 'sharp'
import type { RawImage } from '../imaging'
import { rawInput } from '../imaging/pixel-source'
import { fitLongestSide } from './tiled-pixels'

/** The image reduced (aspect kept, Lanczos, alpha-aware) so its longest side is at most `workingSize`; as is when it fits or no size is given. */
export async function reduceToWorkingSize(image: RawImage, workingSize: number | undefined): Promise<RawImage> {
  if (workingSize === undefined || Math.max(image.width, image.height) <= workingSize) return image
  const [height, width] = fitLongestSide(image.height, image.width, workingSize)
  const { input, raw } = rawInput(image)
  const { data, info } = await sharp(input, { raw })
    .resize({ width, height, fit: 'fill' })
    .raw({ depth: image.depth === 16 ? 'ushort' : 'uchar' })
    .toBuffer({ resolveWithObject: true })
  return { ...image, data, width: info.width, height: info.height }
}
