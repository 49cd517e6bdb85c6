/**
 * Correlated Monte Carlo stress paths for several underlyings, from models calibrated to history
 * (synthetic-calibration.ts). Per path and day, for assets i = 1..d with Cholesky factor L of the
 * correlation matrix:
 *
 * GARCH(1,1) (`model: "garch"`):
 *   x = L eps (eps i.i.d. N(0,1)); with Student-t innovations z = x sqrt((nu-2)/W), W ~ chi2(nu)
 *   shared by all assets (a multivariate t: unit variances, the same correlation, and joint tail
 *   events, i.e. crashes hit all coins on the same day), otherwise z = x;
 *   e_i = sqrt(h_i) z_i,  r_i = drift_i + e_i,  h_i <- omega_i + alpha_i e_i^2 + beta_i h_i.
 *   The shared nu is the smallest fitted nu among the assets (the fattest tail), a conservative choice.
 * Merton jump-diffusion (`model: "jump-diffusion"`):
 *   r_i = drift_i + sigma_i x_i + N_i muJ_i + sqrt(N_i) sigmaJ_i k_i, with N_i ~ Poisson(lambda_i) drawn by
 *   inversion from u_i = Phi(y_i) and x, y, k three independent correlated normal vectors (a Gaussian
 *   copula: with BTC/ETH correlation ~0.8, jumps mostly arrive together and point the same way).
 * Drift: "martingale" (default) makes the expected price flat, drift = -h/2 (GARCH; exact for normal
 * innovations) or -sigma^2/2 - lambda kappa (Merton, kappa = E[e^J] - 1); "historical" uses the
 * fitted mean instead (crypto's past positive drift is not a stress assumption, hence not the default).
 * Implied vol follows the simulated regime through the proxy calibrated on DVOL:
 *   v_i <- lambda v_i + (1 - lambda) r_i^2 (EWMA, the proxy's lambda),  iv_i = iv0_i (v_i / v0_i)^(b_i / 2)
 * where b_i is the proxy's elasticity of implied to realized vol and iv0, v0 are the start-day values.
 *
 * Determinism: path p draws only from random stream (seed, pathStart + p), so any split of the paths
 * across workers reproduces the single-thread result bit for bit.
 */

import { nextChiSquare } from "../random/gamma.ts";
import { nextNormal } from "../random/normal.ts";
import { createStream } from "../random/seed-streams.ts";
import { cholesky } from "../stats/cholesky.ts";
import { normalCdf } from "../stats/normal-distribution.ts";
import { checkCorrelationMatrix } from "./correlation.ts";
import { mertonKappa } from "./jump-diffusion.ts";
import type { ScenarioPaths } from "./scenario-paths.ts";
import type { SyntheticCalibration } from "./synthetic-calibration.ts";

export type MonteCarloModel = "garch" | "jump-diffusion";

export type MonteCarloOptions = {
  calibration: SyntheticCalibration;
  model: MonteCarloModel;
  /** Number of paths to generate (this call). */
  paths: number;
  horizonDays: number;
  seed: number;
  /** Global index of the first path (default 0): workers generate disjoint ranges of one run. */
  pathStart?: number;
  drift?: "martingale" | "historical";
  /** Override of the correlation matrix (symbols' order); default: estimated from history. */
  correlation?: number[][];
  /** Override of start spot / implied vol per symbol (default: the calibration's asOf day). */
  start?: Record<string, { spot?: number; iv?: number }>;
};

const MAX_PATHS = 10_000_000;
const MAX_HORIZON_DAYS = 3650;

function checkInt(name: string, v: number, min: number, max: number): void {
  if (!Number.isInteger(v) || v < min || v > max)
    throw new Error(`${name} must be an integer in [${min}, ${max}], got ${v}`);
}

/** Poisson(lambda) by inversion of the CDF at u (lambda is small here, so this stops after a few terms). */
function poissonInverse(u: number, lambda: number): number {
  let k = 0;
  let p = Math.exp(-lambda);
  let cdf = p;
  while (u > cdf && k < 1000) {
    k++;
    p *= lambda / k;
    cdf += p;
    if (p === 0) break;
  }
  return k;
}

export function simulateMonteCarloPaths(opts: MonteCarloOptions): ScenarioPaths {
  const { calibration: cal, model, paths, horizonDays, seed } = opts;
  const pathStart = opts.pathStart ?? 0;
  const drift = opts.drift ?? "martingale";
  if (model !== "garch" && model !== "jump-diffusion")
    throw new Error(`model must be "garch" or "jump-diffusion", got ${model}`);
  checkInt("paths", paths, 0, MAX_PATHS);
  checkInt("horizonDays", horizonDays, 1, MAX_HORIZON_DAYS);
  checkInt("seed", seed, 0, Number.MAX_SAFE_INTEGER);
  checkInt("pathStart", pathStart, 0, Number.MAX_SAFE_INTEGER - paths);

  const symbols = cal.symbols;
  const d = symbols.length;
  const corr = opts.correlation ?? (model === "garch" ? cal.residualCorrelation : cal.returnCorrelation);
  checkCorrelationMatrix(corr, d);
  const L = cholesky(corr);
  const Lflat = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let j = 0; j <= i; j++) Lflat[i * d + j] = L[i]![j]!;

  // Per-asset constants in flat arrays (the inner loop reads no objects).
  const spot0 = new Float64Array(d);
  const iv0 = new Float64Array(d);
  const v0 = new Float64Array(d);
  const h0 = new Float64Array(d);
  const elasticity = new Float64Array(d);
  const lambdaEwma = new Float64Array(d);
  const omega = new Float64Array(d);
  const alpha = new Float64Array(d);
  const beta = new Float64Array(d);
  const mu = new Float64Array(d);
  const sigma = new Float64Array(d);
  const jumpRate = new Float64Array(d);
  const muJ = new Float64Array(d);
  const sigmaJ = new Float64Array(d);
  const mertonDrift = new Float64Array(d);
  let nu = Number.POSITIVE_INFINITY;
  symbols.forEach((s, i) => {
    const a = cal.assets[s]!;
    const over = opts.start?.[s];
    if (over?.spot !== undefined && !(over.spot > 0 && Number.isFinite(over.spot))) {
      throw new Error(`start.${s}.spot must be a positive number, got ${over.spot}`);
    }
    if (over?.iv !== undefined && !(over.iv > 0 && Number.isFinite(over.iv))) {
      throw new Error(`start.${s}.iv must be a positive number, got ${over.iv}`);
    }
    spot0[i] = over?.spot ?? a.start.spot;
    iv0[i] = over?.iv ?? a.start.iv;
    v0[i] = a.start.ewmaVariance;
    h0[i] = a.start.garchVariance;
    elasticity[i] = a.ivProxy.slope;
    lambdaEwma[i] = a.ivProxy.lambda;
    const g = a.garch.params;
    omega[i] = g.omega;
    alpha[i] = g.alpha;
    beta[i] = g.beta;
    mu[i] = g.mu;
    if (g.innovations === "student-t") nu = Math.min(nu, g.nu);
    const m = a.merton.params;
    sigma[i] = m.sigma;
    jumpRate[i] = m.lambda;
    muJ[i] = m.muJ;
    sigmaJ[i] = m.sigmaJ;
    mertonDrift[i] = drift === "martingale" ? -0.5 * m.sigma * m.sigma - m.lambda * mertonKappa(m) : m.mu;
  });
  const studentT = model === "garch" && Number.isFinite(nu);
  const tScaleNum = nu - 2;

  const stride = horizonDays + 1;
  const spot: Record<string, Float64Array> = {};
  const iv: Record<string, Float64Array> = {};
  const spotArr: Float64Array[] = [];
  const ivArr: Float64Array[] = [];
  for (const s of symbols) {
    const a = new Float64Array(paths * stride);
    const b = new Float64Array(paths * stride);
    spot[s] = a;
    iv[s] = b;
    spotArr.push(a);
    ivArr.push(b);
  }

  const eps = new Float64Array(d);
  const x = new Float64Array(d);
  const y = new Float64Array(d);
  const k = new Float64Array(d);
  const h = new Float64Array(d);
  const v = new Float64Array(d);
  const logS = new Float64Array(d);
  const correlate = (rng: ReturnType<typeof createStream>, out: Float64Array) => {
    for (let i = 0; i < d; i++) eps[i] = nextNormal(rng);
    for (let i = 0; i < d; i++) {
      let s = 0;
      for (let j = 0; j <= i; j++) s += Lflat[i * d + j]! * eps[j]!;
      out[i] = s;
    }
  };

  for (let p = 0; p < paths; p++) {
    const rng = createStream({ seed, stream: pathStart + p });
    const base = p * stride;
    for (let i = 0; i < d; i++) {
      h[i] = h0[i]!;
      v[i] = v0[i]!;
      logS[i] = Math.log(spot0[i]!);
      spotArr[i]![base] = spot0[i]!;
      ivArr[i]![base] = iv0[i]!;
    }
    for (let t = 1; t <= horizonDays; t++) {
      correlate(rng, x);
      if (model === "garch") {
        const tScale = studentT ? Math.sqrt(tScaleNum / nextChiSquare(rng, nu)) : 1;
        for (let i = 0; i < d; i++) {
          const e = Math.sqrt(h[i]!) * x[i]! * tScale;
          const r = (drift === "martingale" ? -0.5 * h[i]! : mu[i]!) + e;
          h[i] = omega[i]! + alpha[i]! * e * e + beta[i]! * h[i]!;
          logS[i] = logS[i]! + r;
          v[i] = lambdaEwma[i]! * v[i]! + (1 - lambdaEwma[i]!) * r * r;
        }
      } else {
        correlate(rng, y);
        correlate(rng, k);
        for (let i = 0; i < d; i++) {
          const jumps = poissonInverse(normalCdf(y[i]!), jumpRate[i]!);
          const r =
            mertonDrift[i]! + sigma[i]! * x[i]! + jumps * muJ[i]! + Math.sqrt(jumps) * sigmaJ[i]! * k[i]!;
          logS[i] = logS[i]! + r;
          v[i] = lambdaEwma[i]! * v[i]! + (1 - lambdaEwma[i]!) * r * r;
        }
      }
      for (let i = 0; i < d; i++) {
        spotArr[i]![base + t] = Math.exp(logS[i]!);
        ivArr[i]![base + t] = iv0[i]! * (v[i]! / v0[i]!) ** (0.5 * elasticity[i]!);
      }
    }
  }
  return {
    kind: "monte-carlo",
    symbols: [...symbols],
    paths,
    horizonDays,
    stride,
    spot,
    iv,
    labels: null,
    pathStart,
  };
}
