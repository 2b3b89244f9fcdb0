import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { crc32, deflateSync } from 'node:zlib'
import sharp, { type Colour } from 'sharp'
import { basename } from 'node:path'
import { inspectWithThumbnail, type RawImage } from '../../src-main/imaging'
import type { OpenOptions } from '../../src-main/imaging'

export const PHOTOS_DIR = new URL('../fixtures/photos/', import.meta.url).pathname

export function save(dir: string, name: string, bytes: Buffer | string): string {
  const path = join(dir, name)
  writeFileSync(path, bytes)
  return path
}

/** Gaussian noise: compresses badly, so cutting the file in half lands inside the pixel data. */
export function noise(width: number, height: number) {
  return sharp({ create: { width, height, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
}

export function solid(width: number, height: number, background: Colour, channels: 3 | 4 = 3) {
  return sharp({ create: { width, height, channels, background } })
}

/** 60×40 as stored: left half red, right half blue; EXIF orientation 6 shows it 40×60, red on top. */
export function sidewaysJpeg(): Promise<Buffer> {
  return solid(60, 40, '#0000ff')
    .composite([{ input: { create: { width: 30, height: 40, channels: 3, background: '#ff0000' } }, left: 0, top: 0 }])
    .withMetadata({ orientation: 6 })
    .jpeg({ quality: 95 })
    .toBuffer()
}

/** A 16-bit RGB image whose samples are all distinct from their 8-bit truncation. */
export function rgb16(width: number, height: number): RawImage {
  const samples = new Uint16Array(width * height * 3)
  for (let i = 0; i < samples.length; i++) samples[i] = (i * 7919 + 300) % 65536
  return { data: Buffer.from(samples.buffer), width, height, channels: 3, depth: 16 }
}

export function rgb16Png(image: RawImage): Promise<Buffer> {
  return sharp(new Uint16Array(image.data.buffer, image.data.byteOffset, image.data.length / 2), {
    raw: { width: image.width, height: image.height, channels: 3 }
  })
    .toColourspace('rgb16')
    .png()
    .toBuffer()
}

/** Inserts an iCCP chunk after IHDR, leaving the stored samples exactly as they were (sharp would convert them). */
export function withEmbeddedProfile(png: Buffer, profile: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from('icc\0\0', 'latin1'), deflateSync(profile)])
  const typeAndBody = Buffer.concat([Buffer.from('iCCP', 'latin1'), body])
  const chunk = Buffer.alloc(12 + body.length)
  chunk.writeUInt32BE(body.length, 0)
  typeAndBody.copy(chunk, 4)
  chunk.writeUInt32BE(crc32(typeAndBody), 8 + body.length)
  const afterHeader = 8 + 25
  return Buffer.concat([png.subarray(0, afterHeader), chunk, png.subarray(afterHeader)])
}

export async function srgbProfile(): Promise<Buffer> {
  const tagged = await solid(1, 1, '#808080').withIccProfile('srgb').png().toBuffer()
  const { icc } = await sharp(tagged).metadata()
  if (!icc) throw new Error('sharp did not embed its sRGB profile')
  return icc
}

export function pixelAt(image: RawImage, x: number, y: number): number[] {
  const bytes = image.depth / 8
  const start = (y * image.width + x) * image.channels
  return Array.from({ length: image.channels }, (_, c) =>
    bytes === 1 ? image.data[start + c] : image.data.readUInt16LE((start + c) * 2)
  )
}

export function halve(bytes: Buffer): Buffer {
  return bytes.subarray(0, Math.floor(bytes.length / 2))
}

/** The import's own inspection, its description only. */
export async function probe(input: string | Buffer, opts?: OpenOptions) {
  return (await inspectWithThumbnail(input, 64, opts)).info
}

/** The import's own inspection, its thumbnail only. */
export async function thumbnail(input: string | Buffer, size?: number) {
  return (await inspectWithThumbnail(input, size)).thumbnail
}

/** Names made by tempSiblingPath: `.<base>.<12 hex>.tmp`. */
export function isTempFile(name: string): boolean {
  return /^\..+\.[0-9a-f]{12}\.tmp$/.test(basename(name))
}
