/**
 * A seeded sfc32 generator whose whole state is four 32-bit words, so a run can be snapshotted and resumed
 * drawing exactly the numbers it would have drawn.
 */
export class Rng {
  private s: [number, number, number, number]

  private constructor(state: readonly number[]) {
    if (state.length !== 4 || state.some((w) => !Number.isInteger(w) || w < 0 || w > 0xffffffff)) {
      throw new Error(`an RNG state is four unsigned 32-bit integers, got [${state.join(', ')}]`)
    }
    this.s = [state[0]!, state[1]!, state[2]!, state[3]!]
  }

  static fromSeed(seed: number): Rng {
    // splitmix32 spreads the seed over the state; a dozen draws mix it in.
    let x = seed >>> 0
    const next = (): number => {
      x = (x + 0x9e3779b9) >>> 0
      let z = x
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
      return (z ^ (z >>> 16)) >>> 0
    }
    const rng = new Rng([next(), next(), next(), next()])
    for (let i = 0; i < 12; i++) rng.uniform()
    return rng
  }

  static fromState(state: readonly number[]): Rng {
    return new Rng(state)
  }

  state(): number[] {
    return [...this.s]
  }

  /** Uniform in [0, 1). */
  uniform(): number {
    let [a, b, c, d] = this.s
    const t = (((a + b) | 0) + d) | 0
    d = (d + 1) | 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) | 0
    c = (c << 21) | (c >>> 11)
    c = (c + t) | 0
    this.s = [a >>> 0, b >>> 0, c >>> 0, d >>> 0]
    return (t >>> 0) / 4294967296
  }

  /** An integer in [0, n). */
  below(n: number): number {
    return Math.floor(this.uniform() * n)
  }
}
