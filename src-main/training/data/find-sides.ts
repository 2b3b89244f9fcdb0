import { stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { TrainingData } from '../../../src-preload/training-run'

/** The two folders a choice stands for, or why there are none. pix2pix with one folder looks for A/B or train/A, train/B inside. */
export async function findSides(data: TrainingData): Promise<{ a: string; b: string } | { error: string }> {
  const a = resolve(data.a)
  if (!(await isFolder(a))) return { error: `${a} is not a folder` }
  if (data.mode === 'colorize') return { a, b: a }
  if (data.b) {
    const b = resolve(data.b)
    return (await isFolder(b)) ? { a, b } : { error: `${b} is not a folder` }
  }
  for (const inner of [['A', 'B'], ['train/A', 'train/B']]) {
    const [sideA, sideB] = inner.map((sub) => join(a, sub!)) as [string, string]
    if ((await isFolder(sideA)) && (await isFolder(sideB))) return { a: sideA, b: sideB }
  }
  return { error: `pix2pix needs pairs: ${a} should hold A/ and B/ (or train/A and train/B) with the same file names, or give a second folder` }
}

async function isFolder(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() ?? false
}
