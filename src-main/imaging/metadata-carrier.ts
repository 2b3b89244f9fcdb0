import sharp, { type OverlayOptions } from 'sharp'
import type { RawImage } from './decode'
import { withImageErrors } from './failures'
import { rawInput, type PixelSource } from './pixel-source'

/**
 * sharp can only keep the metadata of a pipeline's own input. So the original's EXIF and XMP ride on a
 * 1×1 white "carrier" cut from it, which is stretched to the new image's size and painted over with its pixels.
 */
export async function paintOverOriginalMetadata(pixels: RawImage, original: string | Buffer, flattenAlpha: boolean): Promise<PixelSource> {
  const carrier = await withImageErrors(original, () =>
    sharp(original, { failOn: 'none', limitInputPixels: false })
      .extract({ left: 0, top: 0, width: 1, height: 1 })
      .removeAlpha()
      .linear(0, 255)
      .withMetadata({ orientation: 1 })
      .png()
      .toBuffer()
  )
  const { input, raw } = rawInput(pixels)
  const overlay: OverlayOptions = {
    // sharp's types list only Buffer, but its parser takes the sample depth from a Uint16Array here as for main inputs.
    input: input as Buffer,
    raw,
    blend: flattenAlpha ? 'over' : 'source'
  }
  let pipeline = sharp(carrier).resize(pixels.width, pixels.height, { fit: 'fill', kernel: 'nearest' })
  if (pixels.depth === 16) pipeline = pipeline.pipelineColourspace('rgb16')
  pipeline = pipeline.composite([overlay]).keepExif().keepXmp()
  const grey = pixels.channels <= 2
  // The pixels are sRGB, so sRGB is the profile that describes them; sharp's 16-bit profile path assumes Display P3, so 16-bit stays untagged.
  if (pixels.depth === 8 && !grey) pipeline = pipeline.withIccProfile('srgb')
  return { pipeline, depth: pixels.depth, grey, hasAlpha: pixels.channels % 2 === 0 }
}
