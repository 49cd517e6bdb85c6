/**
 * A table-driven normal CDF for hot kernels: no exponential, no division.
 *
 * [-8, 8] is cut into 256 intervals of width 1/16; on each, Phi is its degree-8 Taylor polynomial
 * about the interval's centre c, with coefficients Phi^(k)(c) / k! = (-1)^(k-1) He_{k-1}(c) phi(c) / k!
 * (He: probabilists' Hermite polynomials) computed once at load from the accurate `normCdf`.
 * With |x - c| <= 1/32 the truncation error |He_8(c) phi(c)| (1/32)^9 / 9! is below 1e-17, so the
 * absolute error is that of the Horner sum, ~1e-16 (measured on a 1/8192 grid; degree 7 gives 4e-16,
 * width 1/4 needs degree 12). Beyond +-8, Phi is 0 or 1 to within Phi(-8) = 6.2e-16.
 * Absolute accuracy is what prices need (an error e moves a price by at most e (S + K)); relative
 * accuracy in the far tails is `normCdf`'s job.
 */
import { normCdf, normPdf } from "./normal-cdf.ts";

export const TABLE_RANGE = 8;
/** Intervals per unit of x. */
export const TABLE_SCALE = 16;
export const TABLE_INTERVALS = 2 * TABLE_RANGE * TABLE_SCALE;
export const TABLE_DEGREE = 8;
/** Coefficients per interval. */
export const TABLE_STRIDE = TABLE_DEGREE + 1;

function buildTable(): Float64Array {
  const table = new Float64Array(TABLE_INTERVALS * TABLE_STRIDE);
  for (let i = 0; i < TABLE_INTERVALS; i++) {
    const c = -TABLE_RANGE + (i + 0.5) / TABLE_SCALE;
    const pdf = normPdf(c);
    table[i * TABLE_STRIDE] = normCdf(c);
    // He_0 = 1, He_1 = x, He_{n+1} = x He_n - n He_{n-1}.
    let hePrev = 0;
    let he = 1;
    let factorial = 1;
    for (let k = 1; k <= TABLE_DEGREE; k++) {
      factorial *= k;
      // Phi^(k)(c) = (-1)^(k-1) He_{k-1}(c) phi(c)
      table[i * TABLE_STRIDE + k] = ((k % 2 === 1 ? 1 : -1) * he * pdf) / factorial;
      const next = c * he - (k - 1) * hePrev;
      hePrev = he;
      he = next;
    }
  }
  return table;
}

/** Coefficients, interval-major: interval i holds c_0..c_8 at [i * 9, i * 9 + 8]. */
export const NORMAL_CDF_TABLE: Float64Array = buildTable();

/** Phi(x) from the table: absolute error < 7e-16 everywhere (the kernel inlines this). */
export function normCdfTable(x: number): number {
  if (!(x > -TABLE_RANGE)) return Number.isNaN(x) ? Number.NaN : 0;
  // Just below 8, (x + 8) * 16 can round up to 256, one past the last interval: Phi there is 1 - 6e-16.
  if (x >= TABLE_RANGE - 1e-9) return 1;
  const i = Math.floor((x + TABLE_RANGE) * TABLE_SCALE);
  const h = x - (-TABLE_RANGE + (i + 0.5) / TABLE_SCALE);
  const t = NORMAL_CDF_TABLE;
  const b = i * TABLE_STRIDE;
  let acc = t[b + TABLE_DEGREE]!;
  for (let k = TABLE_DEGREE - 1; k >= 0; k--) acc = acc * h + t[b + k]!;
  return acc;
}
