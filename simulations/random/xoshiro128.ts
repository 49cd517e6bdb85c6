/**
 * xoshiro128** 1.1 (Blackman & Vigna, "Scrambled linear pseudorandom number generators", 2021;
 * reference C code at https://prng.di.unimi.it/xoshiro128starstar.c): 128-bit state, period 2^128 - 1,
 * passes BigCrush, and needs only 32-bit integer operations, so it is fast in JavaScript
 * (Math.imul, no BigInt in the hot path). 64-bit xoshiro256** would need BigInt or 32-bit emulation.
 *
 * Streams: `createStream({ seed, stream })` gives stream i its own state derived from (seed, i) (see
 * `seed-streams.ts`), so path i is the same whichever worker draws it and however many workers run.
 * `jump()` advances 2^64 steps for callers who want provably non-overlapping sub-sequences.
 */

const JUMP = [0x8764000b, 0xf542d2d3, 0x6fa035c3, 0x77f2db5b] as const; // 2^64 steps
const LONG_JUMP = [0xb523952e, 0x0b6f099f, 0xccf5a0ef, 0x1c580662] as const; // 2^96 steps
const TWO_POW_M53 = 2 ** -53;

export class Xoshiro128StarStar {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  /** Four 32-bit words, not all zero (the all-zero state is the one fixed point). */
  constructor(state: ArrayLike<number>) {
    if (state.length !== 4) throw new Error("xoshiro128** state must be 4 uint32 words");
    this.s0 = (state[0] as number) >>> 0;
    this.s1 = (state[1] as number) >>> 0;
    this.s2 = (state[2] as number) >>> 0;
    this.s3 = (state[3] as number) >>> 0;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0)
      throw new Error("xoshiro128** state must not be all zero");
  }

  /** Next 32 random bits as an unsigned integer in [0, 2^32). */
  nextUint32(): number {
    const s1 = this.s1;
    const m = Math.imul(s1, 5);
    const result = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return result;
  }

  /**
   * Uniform double strictly inside (0, 1) with 53 random bits: (k + 0.5) / 2^53 for k in [0, 2^53).
   * Never 0 or 1, so it is safe to pass to log() or an inverse CDF.
   */
  nextDouble(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo + 0.5) * TWO_POW_M53;
  }

  /** Advance 2^64 steps (equivalent to 2^64 calls of nextUint32). */
  jump(): void {
    this.applyJump(JUMP);
  }

  /** Advance 2^96 steps. */
  longJump(): void {
    this.applyJump(LONG_JUMP);
  }

  /** The current state, e.g. to hand a generator to a worker thread. */
  state(): Uint32Array {
    return Uint32Array.of(this.s0, this.s1, this.s2, this.s3);
  }

  clone(): Xoshiro128StarStar {
    return new Xoshiro128StarStar(this.state());
  }

  private applyJump(poly: readonly number[]): void {
    let a = 0;
    let b = 0;
    let c = 0;
    let d = 0;
    for (const word of poly) {
      for (let bit = 0; bit < 32; bit++) {
        if ((word >>> bit) & 1) {
          a ^= this.s0;
          b ^= this.s1;
          c ^= this.s2;
          d ^= this.s3;
        }
        this.nextUint32();
      }
    }
    this.s0 = a >>> 0;
    this.s1 = b >>> 0;
    this.s2 = c >>> 0;
    this.s3 = d >>> 0;
  }
}
