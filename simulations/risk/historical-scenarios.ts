/**
 * Historical scenarios for VaR/ES: joint daily log returns of the underlyings over a lookback window,
 * optionally volatility-filtered, aggregated to the horizon and turned into spot factors exp(r).
 *
 * Filtered historical simulation (Hull & White 1998, "Incorporating volatility updating into the
 * historical simulation method for VaR"; Barone-Adesi et al. 1999): with the EWMA variance
 * s2[t+1] = lambda s2[t] + (1 - lambda) r[t]^2 (RiskMetrics 1996), each return is rescaled to today's
 * volatility, r*[t] = r[t] s[N+1] / s[t], so a calm lookback does not hide a turbulent present.
 * Multi-day horizons use overlapping h-day sums of daily log returns. Implied vols stay unchanged
 * (the history has no per-expiry vol surface).
 */
import { type ScenarioSet, uniformScenarioSet } from "../margin/scenario-set.ts";

export type ReturnsMatrix = { dates: readonly string[]; returns: Readonly<Record<string, Float64Array>> };

/** Returns rescaled to the latest EWMA volatility. The seed variance is the window's mean square. */
export function ewmaFilteredReturns(returns: Float64Array, lambda: number): Float64Array {
  const n = returns.length;
  const out = new Float64Array(n);
  if (n === 0) return out;
  let seed = 0;
  for (let t = 0; t < n; t++) seed += returns[t]! * returns[t]!;
  seed /= n;
  // Floor: a run of zero returns (a stale feed) must not divide by zero.
  const floor = Math.max(seed * 1e-6, 1e-20);
  const sigma = new Float64Array(n);
  let variance = seed;
  for (let t = 0; t < n; t++) {
    sigma[t] = Math.sqrt(Math.max(variance, floor));
    variance = lambda * variance + (1 - lambda) * returns[t]! * returns[t]!;
  }
  const today = Math.sqrt(Math.max(variance, floor));
  for (let t = 0; t < n; t++) out[t] = (returns[t]! * today) / sigma[t]!;
  return out;
}

/**
 * Overlapping h-day sums: out[k] = r[k] + ... + r[k+h-1], length n - h + 1. Each window is summed
 * afresh (h <= 30 adds) rather than by a running difference, which would drift by rounding.
 */
export function horizonReturns(daily: Float64Array, horizonDays: number): Float64Array {
  const n = daily.length - horizonDays + 1;
  if (n <= 0) return new Float64Array(0);
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let acc = 0;
    for (let t = k; t < k + horizonDays; t++) acc += daily[t]!;
    out[k] = acc;
  }
  return out;
}

/** One scenario per historical (overlapping) horizon window; every underlying gets its own joint move. */
export function historicalScenarioSet(args: {
  history: ReturnsMatrix;
  underlyings: readonly string[];
  horizonDays: number;
  filtered: boolean;
  ewmaLambda: number;
}): ScenarioSet {
  const { history, underlyings, horizonDays, filtered, ewmaLambda } = args;
  const moves = underlyings.map((u) => {
    const r = history.returns[u];
    if (!r) throw new Error(`no historical returns for ${u}`);
    return horizonReturns(filtered ? ewmaFilteredReturns(r, ewmaLambda) : r, horizonDays);
  });
  const count = moves[0]?.length ?? 0;
  const set = uniformScenarioSet({
    underlyings,
    priceShocks: new Float64Array(count),
    volShocks: new Float64Array(count),
    weights: new Float64Array(count).fill(1),
  });
  moves.forEach((m, u) => {
    for (let s = 0; s < count; s++) set.spotFactor[u * count + s] = Math.exp(m[s]!);
  });
  if (moves[0]) for (let s = 0; s < count; s++) set.priceShock[s] = Math.expm1(moves[0][s]!);
  return set;
}
