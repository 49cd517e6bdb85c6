/**
 * Order statistics by selection (Hoare's quickselect with median-of-three pivots, expected O(n)),
 * so VaR and ES over thousands of scenario losses never pay for a full O(n log n) sort.
 */

/**
 * Rearranges `a` in place so that a[k] is the k-th smallest value (0-based), every element before it
 * is <= a[k] and every element after it is >= a[k]. Returns a[k]. NaN is not allowed in `a`.
 */
export function selectKth(a: Float64Array, k: number): number {
  const n = a.length;
  if (!Number.isInteger(k) || k < 0 || k >= n) throw new Error(`selectKth: k=${k} outside [0, ${n - 1}]`);
  let lo = 0;
  let hi = n - 1;
  while (hi > lo) {
    // Median of three as pivot, moved into a[k]'s neighbourhood to avoid sorted-input worst cases.
    const mid = (lo + hi) >>> 1;
    let x = a[lo]!;
    let y = a[mid]!;
    let z = a[hi]!;
    if (x > y) [x, y] = [y, x];
    if (y > z) [y, z] = [z, y];
    if (x > y) [x, y] = [y, x];
    const pivot = y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    // Now a[lo..j] <= pivot <= a[i..hi], and everything strictly between j and i equals the pivot.
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k]!;
  }
  return a[k]!;
}

/** Smallest value of a[from..to) (helper for the interpolated quantile). */
function minFrom(a: Float64Array, from: number): number {
  let m = Number.POSITIVE_INFINITY;
  for (let i = from; i < a.length; i++) if (a[i]! < m) m = a[i]!;
  return m;
}

function checkSample(values: Float64Array, name: string): void {
  if (values.length === 0) throw new Error(`${name}: empty sample`);
  for (let i = 0; i < values.length; i++) {
    if (Number.isNaN(values[i]!)) throw new Error(`${name}: NaN at index ${i}`);
  }
}

/**
 * The p-quantile with linear interpolation between order statistics (Hyndman & Fan type 7, the
 * default of R and NumPy): h = (n - 1) p, Q = x_(floor h) + (h - floor h)(x_(floor h + 1) - x_(floor h)).
 * Works on a copy unless `inPlace` is set (then `values` is reordered).
 */
export function quantile(values: Float64Array, p: number, opts: { inPlace?: boolean } = {}): number {
  if (!(p >= 0 && p <= 1)) throw new Error(`quantile: p must be in [0, 1], got ${p}`);
  checkSample(values, "quantile");
  const a = opts.inPlace ? values : Float64Array.from(values);
  const h = (a.length - 1) * p;
  const k = Math.floor(h);
  const lower = selectKth(a, k);
  if (h === k) return lower;
  return lower + (h - k) * (minFrom(a, k + 1) - lower);
}

/**
 * Expected Shortfall of a loss sample (positive = loss) at `confidence` (e.g. 0.99): the average of
 * the worst (1 - confidence) share of outcomes, counting the boundary observation fractionally
 * (Acerbi & Tasche, "On the coherence of expected shortfall", 2002, eq. 3.6 on the loss side).
 * Also returns the matching VaR, the smallest loss among the worst ceil(n(1 - c)) outcomes.
 */
export function expectedShortfall(
  losses: Float64Array,
  confidence: number,
  opts: { inPlace?: boolean } = {},
): { var: number; es: number } {
  if (!(confidence > 0 && confidence < 1)) {
    throw new Error(`expectedShortfall: confidence must be in (0, 1), got ${confidence}`);
  }
  checkSample(losses, "expectedShortfall");
  const a = opts.inPlace ? losses : Float64Array.from(losses);
  const n = a.length;
  let tail = n * (1 - confidence); // number of tail observations, possibly fractional
  const whole = Math.floor(tail + 1e-9); // tolerance: n(1-c) like 1000 * (1 - 0.99) must count as exactly 10
  let frac = tail - whole;
  if (frac < 1e-9) {
    frac = 0;
    tail = whole;
  }
  // Put the `whole` largest values at the end: select index n - whole (0-based ascending).
  let sum = 0;
  let varValue: number;
  if (whole >= n) {
    for (let i = 0; i < n; i++) sum += a[i]!;
    return { var: quantile(a, 0, { inPlace: true }), es: sum / n };
  }
  const boundary = selectKth(a, n - 1 - whole); // the (whole+1)-th largest
  for (let i = n - whole; i < n; i++) sum += a[i]!;
  if (whole === 0) varValue = boundary;
  else varValue = frac > 0 ? boundary : minFrom(a, n - whole);
  const es = (sum + frac * boundary) / tail;
  return { var: varValue, es };
}
