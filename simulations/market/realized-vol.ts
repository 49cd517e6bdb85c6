/**
 * Exponentially weighted realized volatility (RiskMetrics form, J.P. Morgan 1996):
 *   v_t = lambda v_{t-1} + (1 - lambda) r_t^2,   vol_t = sqrt(365 v_t)   (crypto trades every day),
 * where r_t = ln(close_t / close_{t-1}). v_0 is the mean squared return of the first `warmupDays`
 * returns, so day 0 has a value; the first weeks therefore lean on that seed.
 */
export function ewmaRealizedVol({
  close,
  lambda,
  warmupDays = 30,
}: {
  close: Float64Array;
  lambda: number;
  warmupDays?: number;
}): Float64Array {
  if (!(lambda > 0 && lambda < 1))
    throw new Error(`ewmaRealizedVol: lambda must be in (0, 1), got ${lambda}`);
  const n = close.length;
  if (n < 2) throw new Error("ewmaRealizedVol: need at least two closes");
  const out = new Float64Array(n);
  const m = Math.min(warmupDays, n - 1);
  let v = 0;
  for (let i = 1; i <= m; i++) {
    const r = Math.log(close[i]! / close[i - 1]!);
    v += (r * r) / m;
  }
  out[0] = Math.sqrt(365 * v);
  for (let i = 1; i < n; i++) {
    const r = Math.log(close[i]! / close[i - 1]!);
    v = lambda * v + (1 - lambda) * r * r;
    out[i] = Math.sqrt(365 * v);
  }
  return out;
}
