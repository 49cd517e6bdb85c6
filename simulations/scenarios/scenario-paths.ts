/**
 * The one output shape of every synthetic scenario generator (Monte Carlo, vol spikes, user shock
 * paths), laid out for fast stepping: for each symbol one Float64Array of paths x (horizonDays + 1)
 * values, path-major, so path p's day t is at index p * stride + t with stride = horizonDays + 1.
 * Day 0 is the start state (identical on every path); day t is the close t days later.
 */
export type ScenarioPaths = {
  kind: "monte-carlo" | "shock";
  symbols: string[];
  paths: number;
  horizonDays: number;
  /** horizonDays + 1. */
  stride: number;
  /** Spot in USD. */
  spot: Record<string, Float64Array>;
  /** Implied vol as a decimal. */
  iv: Record<string, Float64Array>;
  /** One label per path (shock scenarios) or null (Monte Carlo: paths are exchangeable). */
  labels: string[] | null;
  /** First global path index (Monte Carlo stream index of path 0), for split generation. */
  pathStart: number;
};

/** Spot and vol of one path on one day. */
export function pathPoint(
  p: ScenarioPaths,
  path: number,
  day: number,
  symbol: string,
): { spot: number; iv: number } {
  const i = path * p.stride + day;
  const s = p.spot[symbol];
  const v = p.iv[symbol];
  if (!s || !v) throw new Error(`scenario paths have no symbol ${symbol}`);
  if (path < 0 || path >= p.paths || day < 0 || day > p.horizonDays) {
    throw new Error(`path ${path} day ${day} outside ${p.paths} paths x ${p.horizonDays} days`);
  }
  return { spot: s[i]!, iv: v[i]! };
}
