/**
 * SVI implied volatility as Derive's vol feed evaluates it (lyra-utils `SVI.getVol`, the version
 * Derive's PM2 test vectors are generated with): total variance
 * w(k) = a + b (rho (k - m) + sqrt((k - m)^2 + sigma^2)) (Gatheral, "A parsimonious arbitrage-free
 * implied volatility parameterization", 2004), vol = sqrt(w / tau).
 * Derive bounds the log-moneyness k = ln(K/F) to +-B with B = 4 sqrt(a + b sigma) (four "ATM-ish"
 * total vols), so the wings are flat beyond that point, and caps w at 144; a negative w is invalid.
 */
import { EngineError, type FieldPath } from "../../errors.ts";

export type SviParams = {
  a: number;
  b: number;
  rho: number;
  m: number;
  sigma: number;
  /** Forward the surface was fitted against (log-moneyness is taken against it). */
  forward: number;
  /** Year fraction the total variance refers to. */
  tauYears: number;
};

const TOTAL_VOL_SCALAR = 4;
const MAX_TOTAL_VARIANCE = 144;

/** Log-moneyness bounded to Derive's SVI domain +-4 sqrt(a + b sigma). */
export function sviBoundedLogMoneyness(strike: number, svi: SviParams, path: FieldPath = []): number {
  const base = svi.a + svi.b * svi.sigma;
  if (base < 0) {
    throw new EngineError({
      code: "INVALID_INPUT",
      path: [...path, "a"],
      reason: `SVI a + b * sigma must be >= 0 (is ${base})`,
    });
  }
  const bound = Math.sqrt(base) * TOTAL_VOL_SCALAR;
  const moneyness = strike / svi.forward;
  // The contract divides in 18-decimal fixed point; a ratio below one unit takes the lower bound.
  if (moneyness < 1e-18) return -bound;
  const k = Math.log(moneyness);
  if (k > bound) return bound;
  if (k < -bound) return -bound;
  return k;
}

/** Annualised SVI vol at `strike`. `path` names the feed in errors. */
export function sviVol(strike: number, svi: SviParams, path: FieldPath = []): number {
  if (strike === 0) return 0;
  if (!(svi.forward > 0)) {
    throw new EngineError({
      code: "INVALID_INPUT",
      path: [...path, "forward"],
      reason: "SVI forward must be > 0",
    });
  }
  if (!(svi.tauYears > 0)) {
    throw new EngineError({
      code: "INVALID_INPUT",
      path: [...path, "tauYears"],
      reason: "SVI tau must be > 0",
    });
  }
  const k = sviBoundedLogMoneyness(strike, svi, path);
  const km = k - svi.m;
  let w = svi.a + svi.b * (Math.sqrt(km * km + svi.sigma * svi.sigma) + svi.rho * km);
  if (w < 0) {
    throw new EngineError({
      code: "INVALID_INPUT",
      path,
      reason: `SVI total variance is negative (${w}) at strike ${strike}`,
    });
  }
  if (w > MAX_TOTAL_VARIANCE) w = MAX_TOTAL_VARIANCE;
  return Math.sqrt(w / svi.tauYears);
}
