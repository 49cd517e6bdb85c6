/**
 * Value at Risk and Expected Shortfall of a loss sample (losses positive), by historical simulation.
 * With N scenario losses and confidence c, the tail holds k = max(1, ceil(N (1 - c))) scenarios:
 * VaR is the k-th largest loss (the smallest loss in the tail) and ES is the mean of the k largest,
 * so ES >= VaR always (the Basel "average of the worst (1-c) share of outcomes" convention).
 *
 * `varEs` selects the tail without sorting: for a small tail (the usual 1%: 20 of 2,000) one pass
 * keeps the k largest in a min-heap, which rejects most losses with one comparison; for a large tail
 * it runs quickselect (expected O(N)). `varEsReference` sorts; a test keeps them equal.
 */
import { selectInPlace } from "./select.ts";

export type VarEs = { var: number; es: number; tailCount: number; observations: number };

/** Number of tail scenarios for N observations at confidence c. The 1e-9 absorbs binary rounding of N (1 - c). */
export function tailCount(observations: number, confidence: number): number {
  return Math.max(1, Math.min(observations, Math.ceil(observations * (1 - confidence) - 1e-9)));
}

/** Tails up to this share of the sample use the heap; larger ones quickselect. */
const HEAP_SHARE = 1 / 16;

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
  const work = args.scratch ?? new Float64Array(k <= n * HEAP_SHARE ? k : n);
  if (k <= n * HEAP_SHARE) return topKHeap(losses, n, k, work);
  for (let j = 0; j < n; j++) work[j] = losses[j]!;
  const cut = n - k;
  const v = selectInPlace(work, cut, 0, n);
  let sum = 0;
  for (let j = cut; j < n; j++) sum += work[j]!;
  return { var: v, es: sum / k, tailCount: k, observations: n };
}

/** The k largest of losses[0..n) in a binary min-heap held in heap[0..k). */
function topKHeap(losses: Float64Array, n: number, k: number, heap: Float64Array): VarEs {
  for (let j = 0; j < k; j++) heap[j] = losses[j]!;
  for (let j = (k >> 1) - 1; j >= 0; j--) siftDown(heap, k, j);
  let min = heap[0]!;
  for (let j = k; j < n; j++) {
    const x = losses[j]!;
    if (x > min) {
      heap[0] = x;
      siftDown(heap, k, 0);
      min = heap[0]!;
    }
  }
  let sum = 0;
  for (let j = 0; j < k; j++) sum += heap[j]!;
  return { var: min, es: sum / k, tailCount: k, observations: n };
}

function siftDown(heap: Float64Array, k: number, start: number): void {
  let i = start;
  const x = heap[i]!;
  for (;;) {
    let c = 2 * i + 1;
    if (c >= k) break;
    if (c + 1 < k && heap[c + 1]! < heap[c]!) c++;
    if (heap[c]! >= x) break;
    heap[i] = heap[c]!;
    i = c;
  }
  heap[i] = x;
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
