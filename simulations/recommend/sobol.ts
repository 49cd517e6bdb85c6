/**
 * Sobol' low-discrepancy points in the unit cube, for the space-filling design of a parameter search.
 *
 * Direction numbers: S. Joe and F. Y. Kuo, "Constructing Sobol sequences with better two-dimensional
 * projections", SIAM J. Sci. Comput. 30 (2008) 2635-2654, file new-joe-kuo-6.21201 (dimensions 2-21
 * below; dimension 1 is van der Corput's sequence). Generation in Gray-code order (Antonov & Saleev
 * 1979; Bratley & Fox, ACM TOMS Algorithm 659), 32 bits per coordinate.
 *
 * Randomised by a digital shift (each coordinate XORed with a seeded 32-bit word): every base-2
 * elementary interval keeps exactly the points it had, so the first 2^m points stay a (t, m, s)-net,
 * while different seeds give different designs.
 */
import { createStream } from "../random/seed-streams.ts";

/** [degree s, coefficient a, initial m_1..m_s] for dimensions 2..21 (Joe & Kuo, new-joe-kuo-6.21201). */
const JOE_KUO: ReadonlyArray<readonly [number, number, readonly number[]]> = [
  [1, 0, [1]],
  [2, 1, [1, 3]],
  [3, 1, [1, 3, 1]],
  [3, 2, [1, 1, 1]],
  [4, 1, [1, 1, 3, 3]],
  [4, 4, [1, 3, 5, 13]],
  [5, 2, [1, 1, 5, 5, 17]],
  [5, 4, [1, 1, 5, 5, 5]],
  [5, 7, [1, 1, 7, 11, 19]],
  [5, 11, [1, 1, 5, 1, 1]],
  [5, 13, [1, 1, 1, 3, 11]],
  [5, 14, [1, 3, 5, 5, 31]],
  [6, 1, [1, 3, 3, 9, 7, 49]],
  [6, 13, [1, 1, 1, 15, 21, 21]],
  [6, 16, [1, 3, 1, 13, 27, 49]],
  [6, 19, [1, 1, 1, 15, 7, 5]],
  [6, 22, [1, 3, 1, 15, 13, 25]],
  [6, 25, [1, 1, 5, 5, 19, 61]],
  [7, 1, [1, 3, 7, 11, 23, 15, 103]],
  [7, 4, [1, 3, 7, 13, 13, 15, 69]],
];

export const SOBOL_MAX_DIMENSIONS = JOE_KUO.length + 1;
const BITS = 32;
const SCALE = 2 ** BITS;

/** Direction numbers v_1..v_32 of one dimension (0-based), as 32-bit integers. */
function directions(dim: number): Uint32Array {
  const v = new Uint32Array(BITS);
  if (dim === 0) {
    for (let k = 0; k < BITS; k++) v[k] = 2 ** (BITS - 1 - k);
    return v;
  }
  const [s, a, m] = JOE_KUO[dim - 1]!;
  for (let k = 0; k < s; k++) v[k] = (m[k]! * 2 ** (BITS - 1 - k)) >>> 0;
  for (let k = s; k < BITS; k++) {
    let x = v[k - s]! ^ (v[k - s]! >>> s);
    for (let j = 1; j < s; j++) if ((a >>> (s - 1 - j)) & 1) x ^= v[k - j]!;
    v[k] = x >>> 0;
  }
  return v;
}

/**
 * The first `count` points of the `dimensions`-dimensional Sobol' sequence (point 0 is the origin
 * before shifting), each in [0, 1)^dimensions; with `seed`, digitally shifted.
 */
export function sobolPoints(args: { count: number; dimensions: number; seed?: number }): Float64Array[] {
  const { count, dimensions } = args;
  if (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > SOBOL_MAX_DIMENSIONS) {
    throw new Error(`sobol: dimensions must be in [1, ${SOBOL_MAX_DIMENSIONS}], got ${dimensions}`);
  }
  if (!Number.isInteger(count) || count < 0 || count > 2 ** 20) {
    throw new Error(`sobol: count must be a whole number in [0, 2^20], got ${count}`);
  }
  const v = Array.from({ length: dimensions }, (_, d) => directions(d));
  const shift = new Uint32Array(dimensions);
  if (args.seed !== undefined) {
    const rng = createStream({ seed: args.seed, stream: 0 });
    for (let d = 0; d < dimensions; d++) shift[d] = Math.floor(rng.nextDouble() * SCALE) >>> 0;
  }
  const x = new Uint32Array(dimensions);
  const out: Float64Array[] = [];
  for (let i = 0; i < count; i++) {
    if (i > 0) {
      // Gray code: point i differs from point i-1 by the direction of the lowest zero bit of i-1.
      let c = 0;
      let n = i - 1;
      while (n & 1) {
        n >>>= 1;
        c++;
      }
      for (let d = 0; d < dimensions; d++) x[d] = (x[d]! ^ v[d]![c]!) >>> 0;
    }
    out.push(Float64Array.from(x, (xd, d) => ((xd ^ shift[d]!) >>> 0) / SCALE));
  }
  return out;
}
