/**
 * GARCH(1,1) (Bollerslev 1986) for daily log returns, fitted by maximum likelihood:
 *   r_t = mu + e_t,   e_t = sqrt(h_t) z_t,   h_t = omega + alpha e_{t-1}^2 + beta h_{t-1},
 * with z_t i.i.d. standard normal or unit-variance Student-t with nu > 2 degrees of freedom
 * (Bollerslev 1987), which carries the fat tails of crypto returns that a normal GARCH misses.
 * h_1 is the sample variance of the returns (a common start-up choice; its effect fades as beta^t).
 * Log-likelihood per observation:
 *   normal:    -1/2 [ln(2 pi) + ln h_t + e_t^2 / h_t]
 *   Student-t: ln G((nu+1)/2) - ln G(nu/2) - 1/2 ln(pi (nu-2)) - 1/2 ln h_t
 *              - (nu+1)/2 ln(1 + e_t^2 / (h_t (nu-2)))
 * The optimiser (Nelder-Mead from several starts) works on unconstrained transforms that enforce
 * omega > 0, alpha, beta >= 0, alpha + beta < 1 (covariance stationarity) and nu > 2.05.
 */

import { nextChiSquare } from "../random/gamma.ts";
import { nextNormal } from "../random/normal.ts";
import type { Xoshiro128StarStar } from "../random/xoshiro128.ts";
import { logGamma } from "../stats/chi-square.ts";
import { numericalHessian, standardErrorsFromHessian } from "../stats/hessian.ts";
import { nelderMead } from "../stats/nelder-mead.ts";

export type Innovations = "normal" | "student-t";

export type GarchParams = {
  /** Mean daily log return. */
  mu: number;
  /** Variance intercept (daily log-return units squared). */
  omega: number;
  alpha: number;
  beta: number;
  innovations: Innovations;
  /** Student-t degrees of freedom; Infinity for normal innovations. */
  nu: number;
};

export type GarchFit = {
  params: GarchParams;
  /** Maximised log-likelihood in the units of the returns given (daily log returns). */
  logLikelihood: number;
  observations: number;
  /** Asymptotic standard errors from the inverse numerical Hessian (NaN when not available). */
  standardErrors: { mu: number; omega: number; alpha: number; beta: number; nu: number };
  /** alpha + beta: how much of a variance shock survives one day. */
  persistence: number;
  /** ln 2 / -ln(alpha + beta): days for a variance shock to halve. */
  halfLifeDays: number;
  /** sqrt(omega / (1 - alpha - beta) * 365): long-run annualised volatility (crypto trades 365 days). */
  longRunVolAnnual: number;
  /** Conditional variance h_t for each return (the filter's in-sample path). */
  conditionalVariance: Float64Array;
  /** z_t = (r_t - mu) / sqrt(h_t). */
  standardizedResiduals: Float64Array;
  /** One-step-ahead variance forecast h_{T+1} after the last return. */
  nextVariance: number;
  /** Akaike and Bayesian information criteria (lower is better). */
  aic: number;
  bic: number;
  converged: boolean;
};

const MAX_PERSISTENCE = 0.9999;
const MIN_NU = 2.05;
const LN_2PI = Math.log(2 * Math.PI);

function checkParams(p: GarchParams): void {
  if (!(p.omega > 0) || !(p.alpha >= 0) || !(p.beta >= 0) || !(p.alpha + p.beta < 1)) {
    throw new Error(
      `GARCH parameters must satisfy omega > 0, alpha >= 0, beta >= 0, alpha + beta < 1 (got omega=${p.omega}, alpha=${p.alpha}, beta=${p.beta})`,
    );
  }
  if (p.innovations === "student-t" && !(p.nu > 2))
    throw new Error(`Student-t nu must exceed 2, got ${p.nu}`);
}

/**
 * Log-likelihood of `returns` under `params`; writes h_t into `variance` when given.
 * Hot path of the fit: one pass, no allocations.
 */
export function garchLogLikelihood({
  returns,
  params,
  initialVariance,
  variance,
}: {
  returns: Float64Array;
  params: GarchParams;
  /** h_1; defaults to the sample variance of returns around mu. */
  initialVariance?: number;
  variance?: Float64Array;
}): number {
  const { mu, omega, alpha, beta, innovations, nu } = params;
  const n = returns.length;
  let h = initialVariance ?? sampleVariance(returns, mu);
  let ll = 0;
  if (innovations === "normal") {
    for (let t = 0; t < n; t++) {
      const e = returns[t]! - mu;
      if (variance) variance[t] = h;
      ll -= 0.5 * (LN_2PI + Math.log(h) + (e * e) / h);
      h = omega + alpha * e * e + beta * h;
    }
  } else {
    const c = logGamma((nu + 1) / 2) - logGamma(nu / 2) - 0.5 * Math.log(Math.PI * (nu - 2));
    const k = 0.5 * (nu + 1);
    const s = 1 / (nu - 2);
    for (let t = 0; t < n; t++) {
      const e = returns[t]! - mu;
      if (variance) variance[t] = h;
      ll += c - 0.5 * Math.log(h) - k * Math.log1p((e * e * s) / h);
      h = omega + alpha * e * e + beta * h;
    }
  }
  return ll;
}

function sampleVariance(x: Float64Array, mu: number): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    const d = x[i]! - mu;
    s += d * d;
  }
  return s / x.length;
}

const logistic = (u: number) => 1 / (1 + Math.exp(-u));
const logit = (p: number) => Math.log(p / (1 - p));

/**
 * Unconstrained coordinates u -> parameters. Returns are scaled to percent inside the fit (x100) so
 * that all coordinates are of order one; `scale` converts back.
 */
type Coding = {
  innovations: Innovations;
  scale: number /** long-run variance when targeting, else null */;
  target: number | null;
};

/** u = [mu, ln omega (omitted when targeting), logit persistence, logit alpha share, ln(nu - 2.05)?]. */
function decode(u: Float64Array, c: Coding): GarchParams {
  const o = c.target === null ? 1 : 0;
  const persistence = MAX_PERSISTENCE * logistic(u[1 + o]!);
  const alpha = persistence * logistic(u[2 + o]!);
  const omegaScaled = c.target === null ? Math.exp(u[1]!) : c.target * (1 - persistence);
  return {
    mu: u[0]! / c.scale,
    omega: omegaScaled / (c.scale * c.scale),
    alpha,
    beta: persistence - alpha,
    innovations: c.innovations,
    nu: c.innovations === "student-t" ? MIN_NU + Math.exp(u[3 + o]!) : Number.POSITIVE_INFINITY,
  };
}

function encode(p: GarchParams, c: Coding): Float64Array {
  const persistence = p.alpha + p.beta;
  const u = [p.mu * c.scale];
  if (c.target === null) u.push(Math.log(p.omega * c.scale * c.scale));
  u.push(logit(persistence / MAX_PERSISTENCE), logit(p.alpha / persistence));
  if (p.innovations === "student-t") u.push(Math.log(p.nu - MIN_NU));
  return Float64Array.from(u);
}

/**
 * Maximum-likelihood GARCH(1,1) fit. Needs at least 250 returns (one year) to be meaningful.
 * With `varianceTargeting` (Engle & Mezrich 1996) omega is tied to the sample variance,
 * omega = s^2 (1 - alpha - beta), so the model's long-run volatility equals the history's; this is
 * the usual choice for risk simulation because, with fat-tailed data, a free omega often drifts to
 * near-integrated fits whose long-run variance is not credible. The other parameters are MLE.
 */
export function fitGarch({
  returns,
  innovations = "student-t",
  varianceTargeting = false,
}: {
  returns: Float64Array;
  innovations?: Innovations;
  varianceTargeting?: boolean;
}): GarchFit {
  const n = returns.length;
  if (n < 250) throw new Error(`fitGarch: need at least 250 returns, got ${n}`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(returns[i]!)) throw new Error(`fitGarch: return ${i} is not finite`);
  }
  const scale = 100;
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = returns[i]! * scale;
  const v0 = sampleVariance(x, 0);
  let m0 = 0;
  for (let i = 0; i < n; i++) m0 += x[i]! / n;
  const h1 = sampleVariance(x, m0);
  const coding: Coding = { innovations, scale: 1, target: varianceTargeting ? h1 : null };

  const negLogLik = (u: Float64Array) =>
    -garchLogLikelihood({ returns: x, params: decode(u, coding), initialVariance: h1 });

  // Several starts over typical daily-data regions of (alpha, beta); keep the best, then restart once
  // from it (a restart guards against Nelder-Mead's premature collapse of the simplex).
  const starts: Array<[number, number]> = [
    [0.05, 0.9],
    [0.1, 0.85],
    [0.15, 0.75],
    [0.03, 0.96],
  ];
  let best: { x: Float64Array; fx: number; iterations: number; converged: boolean } | null = null;
  for (const [alpha, beta] of starts) {
    const p0: GarchParams = {
      mu: m0,
      omega: v0 * (1 - alpha - beta),
      alpha,
      beta,
      innovations,
      nu: innovations === "student-t" ? 5 : Number.POSITIVE_INFINITY,
    };
    const r = nelderMead({ f: negLogLik, start: encode(p0, coding), step: 0.5, maxIterations: 4000 });
    if (!best || r.fx < best.fx) best = r;
  }
  const refined = nelderMead({ f: negLogLik, start: best!.x, step: 0.1, maxIterations: 4000 });
  const opt = refined.fx <= best!.fx ? refined : best!;

  const params = decode(opt.x, { ...coding, scale });
  const conditionalVariance = new Float64Array(n);
  const logLikelihood = garchLogLikelihood({
    returns,
    params,
    initialVariance: h1 / (scale * scale),
    variance: conditionalVariance,
  });
  const standardizedResiduals = new Float64Array(n);
  for (let t = 0; t < n; t++)
    standardizedResiduals[t] = (returns[t]! - params.mu) / Math.sqrt(conditionalVariance[t]!);
  const eLast = returns[n - 1]! - params.mu;
  const nextVariance =
    params.omega + params.alpha * eLast * eLast + params.beta * conditionalVariance[n - 1]!;

  // Standard errors in natural parameters (percent-scaled returns, then converted back).
  // With targeting omega is not free: it follows from alpha + beta, so it gets no standard error.
  const t = innovations === "student-t";
  const k = (t ? 5 : 4) - (varianceTargeting ? 1 : 0); // free parameters
  const scaled = decode(opt.x, coding);
  const natural = [scaled.mu, scaled.omega, scaled.alpha, scaled.beta, scaled.nu];
  const nll = (v: Float64Array) => {
    const alpha = v[2]!;
    const beta = v[3]!;
    const p: GarchParams = {
      mu: v[0]!,
      omega: varianceTargeting ? h1 * (1 - alpha - beta) : v[1]!,
      alpha,
      beta,
      innovations,
      nu: t ? v[4]! : Number.POSITIVE_INFINITY,
    };
    if (!(p.omega > 0 && p.alpha >= 0 && p.beta >= 0 && p.alpha + p.beta < 1 && (!t || p.nu > 2))) {
      return Number.NaN;
    }
    return -garchLogLikelihood({ returns: x, params: p, initialVariance: h1 });
  };
  // Differentiate only the free coordinates; the others are held at their values.
  const free = [0, ...(varianceTargeting ? [] : [1]), 2, 3, ...(t ? [4] : [])];
  const floors = [1e-3, 1e-4, 1e-4, 1e-4, 1e-2];
  const sub = (v: Float64Array) => {
    const full = Float64Array.from(natural);
    free.forEach((idx, j) => {
      full[idx] = v[j]!;
    });
    return nll(full);
  };
  const seFree = standardErrorsFromHessian(
    numericalHessian({
      f: sub,
      x: free.map((i) => natural[i]!),
      step: 1e-3,
      floor: free.map((i) => floors[i]!),
    }),
  );
  const se = new Float64Array(5).fill(Number.NaN);
  free.forEach((idx, j) => {
    se[idx] = seFree[j]!;
  });

  const persistence = params.alpha + params.beta;
  return {
    params,
    logLikelihood,
    observations: n,
    standardErrors: {
      mu: se[0]! / scale,
      omega: se[1]! / (scale * scale),
      alpha: se[2]!,
      beta: se[3]!,
      nu: se[4]!,
    },
    persistence,
    halfLifeDays: Math.log(2) / -Math.log(persistence),
    longRunVolAnnual: Math.sqrt((params.omega / (1 - persistence)) * 365),
    conditionalVariance,
    standardizedResiduals,
    nextVariance,
    aic: 2 * k - 2 * logLikelihood,
    bic: k * Math.log(n) - 2 * logLikelihood,
    converged: opt.converged,
  };
}

/** Unit-variance innovation: N(0,1), or Student-t(nu) scaled by sqrt((nu-2)/nu). */
export function nextInnovation(rng: Xoshiro128StarStar, innovations: Innovations, nu: number): number {
  const z = nextNormal(rng);
  if (innovations === "normal") return z;
  return z * Math.sqrt((nu - 2) / nextChiSquare(rng, nu));
}

/**
 * Simulates `n` returns of a GARCH(1,1) starting from variance `h0` (default: unconditional).
 * Used to test the estimator and as the plain single-asset reference for the Monte Carlo kernel.
 */
export function simulateGarch({
  params,
  n,
  rng,
  h0,
}: {
  params: GarchParams;
  n: number;
  rng: Xoshiro128StarStar;
  h0?: number;
}): { returns: Float64Array; variance: Float64Array } {
  checkParams(params);
  const returns = new Float64Array(n);
  const variance = new Float64Array(n);
  let h = h0 ?? params.omega / (1 - params.alpha - params.beta);
  for (let t = 0; t < n; t++) {
    variance[t] = h;
    const e = Math.sqrt(h) * nextInnovation(rng, params.innovations, params.nu);
    returns[t] = params.mu + e;
    h = params.omega + params.alpha * e * e + params.beta * h;
  }
  return { returns, variance };
}

/** E[h_{T+k}] given h_{T+1}: long-run variance + persistence^(k-1) (h_{T+1} - long-run variance). */
export function garchVarianceForecast({
  params,
  nextVariance,
  steps,
}: {
  params: GarchParams;
  nextVariance: number;
  steps: number;
}): number {
  const p = params.alpha + params.beta;
  const longRun = params.omega / (1 - p);
  return longRun + p ** (steps - 1) * (nextVariance - longRun);
}
