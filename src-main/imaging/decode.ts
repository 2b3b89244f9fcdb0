import { withImageErrors } from './failures'
import { isGreyscale, openImage, type OpenOptions } from './open'

/** Uncompressed pixels, rows top to bottom, channels interleaved; 16-bit samples are little-endian uint16. */
export interface RawImage {
  data: Buffer
  width: number
  height: number
  channels: 1 | 2 | 3 | 4
  depth: 8 | 16
}

export interface DecodeOptions extends OpenOptions {
  /** Bits per sample of the result; 8 unless asked. */
  depth?: 8 | 16
  /** Force sRGB RGB (3) or RGBA (4). Left out, greyscale stays 1 or 2 channels and colour is sRGB with or without alpha. */
  channels?: 3 | 4
}

/** Decodes the whole image, upright (EXIF orientation applied), in sRGB or greyscale. */
export async function decodeImage(input: string | Buffer, opts: DecodeOptions = {}): Promise<RawImage> {
  const depth = opts.depth ?? 8
  const { meta, pipeline } = await openImage(input, opts)
  const grey = opts.channels === undefined && isGreyscale(meta.space)
  // sharp's raw output keeps only the first band of 8-bit greyscale, dropping alpha, so such images go through 16 bits.
  const wide = depth === 16 || (grey && meta.hasAlpha)
  pipeline.rotate().toColourspace(grey ? (wide ? 'grey16' : 'b-w') : wide ? 'rgb16' : 'srgb')
  if (opts.channels === 3) pipeline.removeAlpha()
  if (opts.channels === 4) pipeline.ensureAlpha()
  const { data, info } = await withImageErrors(input, () =>
    pipeline.raw({ depth: wide ? 'ushort' : 'uchar' }).toBuffer({ resolveWithObject: true })
  )
  return { data: wide && depth === 8 ? narrowTo8Bits(data) : data, width: info.width, height: info.height, channels: info.channels, depth }
}

function narrowTo8Bits(samples: Buffer): Buffer {
  const narrow = Buffer.allocUnsafe(samples.length / 2)
  for (let i = 0; i < narrow.length; i++) narrow[i] = Math.round(samples.readUInt16LE(i * 2) / 257)
  return narrow
}
