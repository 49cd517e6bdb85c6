/**
 * Correlation matrices estimated from history, and checks for user-supplied ones.
 */

import { cholesky } from "../stats/cholesky.ts";
import { correlation } from "../stats/descriptive.ts";

/** Pearson correlation matrix of equally long series, in the order given. */
export function correlationMatrix(series: Float64Array[]): number[][] {
  return series.map((x, i) => series.map((y, j) => (i === j ? 1 : correlation(x, y))));
}

/** Validates a correlation matrix for `dimension` assets: unit diagonal, entries in [-1, 1], PD. */
export function checkCorrelationMatrix(m: number[][], dimension: number, name = "correlation"): void {
  if (m.length !== dimension)
    throw new Error(`${name}: expected a ${dimension}x${dimension} matrix, got ${m.length} rows`);
  m.forEach((row, i) => {
    if (row.length !== dimension)
      throw new Error(`${name}[${i}]: expected ${dimension} entries, got ${row.length}`);
    row.forEach((v, j) => {
      if (!Number.isFinite(v) || v < -1 || v > 1)
        throw new Error(`${name}[${i}][${j}]: must be a number in [-1, 1], got ${v}`);
      if (i === j && v !== 1) throw new Error(`${name}[${i}][${i}]: diagonal must be 1, got ${v}`);
    });
  });
  try {
    cholesky(m);
  } catch (e) {
    throw new Error(`${name}: ${(e as Error).message.replace(/^cholesky: /, "")}`);
  }
}
