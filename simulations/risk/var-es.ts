/**
 * Value at Risk and Expected Shortfall of a loss sample (losses positive), by historical simulation.
 * With N scenario losses and confidence c, the tail holds k = max(1, ceil(N (1 - c))) scenarios:
 * VaR is the k-th largest loss (the smallest loss in the tail) and ES is the mean of the k largest,
 * so ES >= VaR always (the Basel "average of the worst (1-c) share of outcomes" convention).
 *
 * `varEs` selects the tail without sorting the sample. The smallest of k block maxima (the sample cut
 * into k blocks) is a lower bound on the k-th largest loss, since k distinct losses reach it; one
 * branch-light pass finds it, a second keeps only the losses at or above it (a few times k for the
 * usual 1% tail: 20 of 2,000), and quickselect finds the tail among those. The tail is then summed in
 * ascending order, as `varEsReference` (which sorts everything) does, so both give the same bits.
 */
import { selectInPlace } from "./select.ts";

export type VarEs = { var: number; es: number; tailCount: number; observations: number };

/** Number of tail scenarios for N observations at confidence c. The 1e-9 absorbs binary rounding of N (1 - c). */
export function tailCount(observations: number, confidence: number): number {
  return Math.max(1, Math.min(observations, Math.ceil(observations * (1 - confidence) - 1e-9)));
}

/**
 * VaR and ES of `losses[0..count)` at `confidence`. `scratch` (length >= count) is overwritten; pass
 * one to avoid an allocation per call in batch use. `losses` itself is left untouched.
 */
export function varEs(args: {
  losses: Float64Array;
  confidence: number;
  scratch?: Float64Array;
  count?: number;
}): VarEs {
  const { losses, confidence } = args;
  const n = args.count ?? losses.length;
  if (n === 0) throw new Error("varEs: no observations");
  const k = tailCount(n, confidence);
  const work = args.scratch ?? new Float64Array(n);
  const threshold = smallestBlockMax(losses, n, k);
  let c = 0;
  for (let j = 0; j < n; j++) {
    const x = losses[j]!;
    if (x >= threshold) work[c++] = x;
  }
  const cut = c - k;
  const v = selectInPlace(work, cut, 0, c);
  const tail = work.subarray(cut, c).sort();
  let sum = 0;
  for (let j = 0; j < k; j++) sum += tail[j]!;
  return { var: v, es: sum / k, tailCount: k, observations: n };
}

/** The smallest of the maxima of k consecutive blocks of losses[0..n) (a remainder joins no block). */
function smallestBlockMax(losses: Float64Array, n: number, k: number): number {
  const size = Math.floor(n / k);
  let threshold = Number.POSITIVE_INFINITY;
  for (let b = 0, begin = 0; b < k; b++, begin += size) {
    let max = losses[begin]!;
    for (let j = begin + 1; j < begin + size; j++) {
      const x = losses[j]!;
      max = Math.max(x, max);
    }
    threshold = Math.min(max, threshold);
  }
  return threshold;
}

/** Reference: full sort, then read the tail. */
export function varEsReference(args: { losses: Float64Array; confidence: number }): VarEs {
  const sorted = Float64Array.from(args.losses).sort();
  const n = sorted.length;
  const k = tailCount(n, args.confidence);
  let sum = 0;
  for (let j = n - k; j < n; j++) sum += sorted[j]!;
  return { var: sorted[n - k]!, es: sum / k, tailCount: k, observations: n };
}
