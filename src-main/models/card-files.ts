import { readFile } from 'node:fs/promises'
import type { z } from 'zod'
import { ModelCard } from '../../src-preload/model-card'

export type Warn = (message: string) => void

/** A card and the absolute path of its .onnx file. */
export interface InstalledModel {
  card: ModelCard
  path: string
}

/** The issues of a failed parse on one line: `input.channels: Too small…; sha256: must be…`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(card)'}: ${issue.message}`).join('; ')
}

/** Parses one card; an invalid one is reported through `warn` as `<where>: <why>` and comes back undefined. */
export function parseCard(value: unknown, where: string, warn: Warn): ModelCard | undefined {
  const parsed = ModelCard.safeParse(value)
  if (parsed.success) return parsed.data
  warn(`skipped model card ${where}: ${describeIssues(parsed.error)}`)
  return undefined
}

/** The JSON in `path`, or undefined (with a warning) when it cannot be read or parsed. */
export async function readJson(path: string, warn: Warn): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as unknown
  } catch (err) {
    warn(`skipped ${path}: ${(err as Error).message}`)
    return undefined
  }
}
