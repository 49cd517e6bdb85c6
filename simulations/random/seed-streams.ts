/**
 * Deterministic random streams keyed by (seed, stream index).
 *
 * The seed is first hashed with the SplitMix64 finalizer (Steele, Lea & Flood, "Fast splittable
 * pseudorandom number generators", OOPSLA 2014; the seeding method recommended by the xoshiro
 * authors). Stream i then takes SplitMix64 outputs 2i and 2i+1 of the sequence that starts at that
 * key: SplitMix64's output function is a bijection of a counter, so different streams of one seed
 * always get different, well-mixed 128-bit states. A stream's values therefore depend only on
 * (seed, i) and never on which thread or in which order streams are drawn.
 * BigInt is used only here, once per stream, never per variate.
 */
import { Xoshiro128StarStar } from "./xoshiro128.ts";

const MASK64 = (1n << 64n) - 1n;
const GAMMA = 0x9e3779b97f4a7c15n;

function mix64(z0: bigint): bigint {
  let z = z0 & MASK64;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
  return z ^ (z >> 31n);
}

function checkIndex(name: string, v: number): bigint {
  if (!Number.isSafeInteger(v) || v < 0) {
    throw new Error(`${name} must be a non-negative safe integer, got ${v}`);
  }
  return BigInt(v);
}

/** The 128-bit xoshiro128** state for stream `stream` of `seed`, as four uint32 words. */
export function streamState({ seed, stream }: { seed: number; stream: number }): Uint32Array {
  const key = mix64(checkIndex("seed", seed) + GAMMA);
  const i = checkIndex("stream", stream);
  const a = mix64(key + (2n * i + 1n) * GAMMA);
  const b = mix64(key + (2n * i + 2n) * GAMMA);
  const words = Uint32Array.of(
    Number(a & 0xffffffffn),
    Number(a >> 32n),
    Number(b & 0xffffffffn),
    Number(b >> 32n),
  );
  // All-zero is reachable only if both outputs are 0: probability 2^-128. Nudge instead of failing.
  if ((words[0]! | words[1]! | words[2]! | words[3]!) === 0) words[0] = 1;
  return words;
}

/** A generator for stream `stream` of `seed` (e.g. one stream per Monte Carlo path). */
export function createStream({ seed, stream = 0 }: { seed: number; stream?: number }): Xoshiro128StarStar {
  return new Xoshiro128StarStar(streamState({ seed, stream }));
}
