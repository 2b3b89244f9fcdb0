import { CliError } from './client'

/** Parses command-line words as whole numbers from `min` to `max`, naming the option in the error. */
export function wholeNumbers(words: string[], what: string, min = 0, max = Number.MAX_SAFE_INTEGER): number[] {
  const numbers = words.map((w) => (/^\d+$/.test(w) ? Number(w) : NaN))
  if (!numbers.length || numbers.some((n) => !Number.isSafeInteger(n) || n < min || n > max)) {
    const range = max < Number.MAX_SAFE_INTEGER ? ` from ${min} to ${max}` : ''
    throw new CliError(`${what}: expected ${words.length === 1 ? 'a whole number' : 'whole numbers'}${range}, got "${words.join(' ')}"`)
  }
  return numbers
}

export const wholeNumber = (word: string, what: string, min?: number, max?: number): number => wholeNumbers([word], what, min, max)[0]!
