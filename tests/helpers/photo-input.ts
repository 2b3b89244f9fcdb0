import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import type { CalibrationImage } from '../../bench/ort-variants/calibrate-int8'

const PHOTOS = join(import.meta.dirname, '..', 'fixtures', 'photos')
export const photoFiles = readdirSync(PHOTOS).filter((f) => f.endsWith('.jpg')).sort()

/** A fixture photo centre-cropped to size × size as planar RGB in [−1, 1], the generators' input. */
export async function photoInput(file: string, size: number): Promise<CalibrationImage> {
  const { data } = await sharp(join(PHOTOS, file)).resize(size, size, { fit: 'cover' }).removeAlpha().raw().toBuffer({ resolveWithObject: true })
  const pixels = size * size
  const planar = new Float32Array(3 * pixels)
  for (let i = 0; i < pixels; i++) for (let c = 0; c < 3; c++) planar[c * pixels + i] = data[i * 3 + c]! / 127.5 - 1
  return { data: planar, channels: 3, height: size, width: size }
}
