/**
 * Backtests of a risk measure's exceptions ("breaches"), as clearinghouses and the Basel
 * framework run them on margin and VaR:
 * - Kupiec (1995), "Techniques for verifying the accuracy of risk measurement models": the
 *   proportion-of-failures likelihood ratio
 *     LR_pof = -2 ln[(1-p)^(n-x) p^x] + 2 ln[(1-x/n)^(n-x) (x/n)^x]  ~ chi2(1),
 *   with p = 1 - confidence the expected breach rate, x breaches in n observations, 0 ln 0 = 0.
 * - Christoffersen (1998), "Evaluating interval forecasts": independence of breaches from a
 *   first-order Markov chain of the hit sequence,
 *     LR_ind = -2 ln[(1-pi)^(n00+n10) pi^(n01+n11)]
 *              + 2 ln[(1-pi01)^n00 pi01^n01 (1-pi11)^n10 pi11^n11]  ~ chi2(1),
 *   and conditional coverage LR_cc = LR_pof + LR_ind ~ chi2(2).
 * - Basel traffic light (BCBS 1996, "Supervisory framework for the use of backtesting"): green while
 *   the cumulative binomial probability of at most x breaches is below 95%, red from 99.99%.
 */
import { chiSquareSurvival, logGamma } from "./chi-square.ts";

/** x ln(y) with the convention 0 ln(0) = 0. */
function xlogy(x: number, y: number): number {
  return x === 0 ? 0 : x * Math.log(y);
}

export type KupiecResult = {
  observations: number;
  breaches: number;
  expectedRate: number;
  observedRate: number;
  lr: number;
  pValue: number;
  /** True when the breach count is inconsistent with `confidence` at `significance`. */
  reject: boolean;
};

function checkCounts(observations: number, breaches: number): void {
  if (!Number.isInteger(observations) || observations < 1) {
    throw new Error(`observations must be a positive integer, got ${observations}`);
  }
  if (!Number.isInteger(breaches) || breaches < 0 || breaches > observations) {
    throw new Error(`breaches must be an integer in [0, observations], got ${breaches}`);
  }
}

function checkConfidence(confidence: number): void {
  if (!(confidence > 0 && confidence < 1)) throw new Error(`confidence must be in (0, 1), got ${confidence}`);
}

export function kupiecTest({
  observations,
  breaches,
  confidence,
  significance = 0.05,
}: {
  observations: number;
  breaches: number;
  confidence: number;
  significance?: number;
}): KupiecResult {
  checkCounts(observations, breaches);
  checkConfidence(confidence);
  const n = observations;
  const x = breaches;
  const p = 1 - confidence;
  const phat = x / n;
  const logL0 = xlogy(n - x, 1 - p) + xlogy(x, p);
  const logL1 = xlogy(n - x, 1 - phat) + xlogy(x, phat);
  const lr = Math.max(0, -2 * (logL0 - logL1)); // >= 0 in exact arithmetic; clamp rounding noise
  const pValue = chiSquareSurvival({ x: lr, dof: 1 });
  return {
    observations: n,
    breaches: x,
    expectedRate: p,
    observedRate: phat,
    lr,
    pValue,
    reject: pValue < significance,
  };
}

export type ChristoffersenResult = {
  n00: number;
  n01: number;
  n10: number;
  n11: number;
  lrIndependence: number;
  pValueIndependence: number;
  lrConditionalCoverage: number;
  pValueConditionalCoverage: number;
  reject: boolean;
};

export type Transitions = { n00: number; n01: number; n10: number; n11: number };

export type IndependenceResult = Transitions & {
  lrIndependence: number;
  pValueIndependence: number;
  /** True when breaches cluster (a breach makes the next one likelier) at `significance`. */
  clustered: boolean;
};

/**
 * Christoffersen's independence test from transition counts n_ij (state i, then j; 1 = breach). The
 * counts may be pooled over several sequences (e.g. one per account), each counted within itself:
 * under the null every sequence is a chain with the same breach probability, so the likelihoods
 * multiply and the pooled LR is still chi-square with 1 degree of freedom.
 */
export function christoffersenIndependence({
  n00,
  n01,
  n10,
  n11,
  significance = 0.05,
}: Transitions & { significance?: number }): IndependenceResult {
  for (const [k, v] of Object.entries({ n00, n01, n10, n11 })) {
    if (!Number.isInteger(v) || v < 0) throw new Error(`${k} must be a non-negative integer, got ${v}`);
  }
  const all = n00 + n01 + n10 + n11;
  if (all < 1) throw new Error("christoffersenIndependence: no transitions");
  const pi01 = n00 + n01 > 0 ? n01 / (n00 + n01) : 0;
  const pi11 = n10 + n11 > 0 ? n11 / (n10 + n11) : 0;
  const pi = (n01 + n11) / all;
  const logL0 = xlogy(n00 + n10, 1 - pi) + xlogy(n01 + n11, pi);
  const logL1 = xlogy(n00, 1 - pi01) + xlogy(n01, pi01) + xlogy(n10, 1 - pi11) + xlogy(n11, pi11);
  const lrIndependence = Math.max(0, -2 * (logL0 - logL1));
  const pValueIndependence = chiSquareSurvival({ x: lrIndependence, dof: 1 });
  return {
    n00,
    n01,
    n10,
    n11,
    lrIndependence,
    pValueIndependence,
    clustered: pValueIndependence < significance && pi11 > pi01,
  };
}

/**
 * Christoffersen's independence and conditional-coverage tests on a hit sequence
 * (1 = breach, 0 = no breach, in time order). `reject` refers to conditional coverage.
 */
export function christoffersenTest({
  hits,
  confidence,
  significance = 0.05,
}: {
  hits: ArrayLike<number>;
  confidence: number;
  significance?: number;
}): ChristoffersenResult {
  checkConfidence(confidence);
  if (hits.length < 2)
    throw new Error(`christoffersenTest: need at least 2 observations, got ${hits.length}`);
  const t: Transitions = { n00: 0, n01: 0, n10: 0, n11: 0 };
  let breaches = 0;
  for (let i = 0; i < hits.length; i++) {
    const h = hits[i];
    if (h !== 0 && h !== 1) throw new Error(`christoffersenTest: hits[${i}] must be 0 or 1, got ${h}`);
    breaches += h;
    if (i === 0) continue;
    const prev = hits[i - 1];
    if (prev === 0) h === 0 ? t.n00++ : t.n01++;
    else h === 0 ? t.n10++ : t.n11++;
  }
  const { lrIndependence, pValueIndependence } = christoffersenIndependence(t);
  const pof = kupiecTest({ observations: hits.length, breaches, confidence });
  const lrConditionalCoverage = pof.lr + lrIndependence;
  const pValueConditionalCoverage = chiSquareSurvival({ x: lrConditionalCoverage, dof: 2 });
  return {
    ...t,
    lrIndependence,
    pValueIndependence,
    lrConditionalCoverage,
    pValueConditionalCoverage,
    reject: pValueConditionalCoverage < significance,
  };
}

/** P(X <= x) for X ~ Binomial(n, p), summed in log space (exact to rounding for any n). */
export function binomialCdf({ x, n, p }: { x: number; n: number; p: number }): number {
  if (x < 0) return 0;
  if (x >= n) return 1;
  const lnp = Math.log(p);
  const lnq = Math.log1p(-p);
  const lnFactN = logGamma(n + 1);
  let s = 0;
  for (let k = 0; k <= x; k++) {
    s += Math.exp(lnFactN - logGamma(k + 1) - logGamma(n - k + 1) + k * lnp + (n - k) * lnq);
  }
  return Math.min(1, s);
}

export type TrafficLight = { zone: "green" | "yellow" | "red"; cumulativeProbability: number };

/** Basel traffic-light zone of a breach count (green < 95% <= yellow < 99.99% <= red). */
export function baselTrafficLight({
  observations,
  breaches,
  confidence,
}: {
  observations: number;
  breaches: number;
  confidence: number;
}): TrafficLight {
  checkCounts(observations, breaches);
  checkConfidence(confidence);
  const cumulativeProbability = binomialCdf({ x: breaches, n: observations, p: 1 - confidence });
  const zone = cumulativeProbability < 0.95 ? "green" : cumulativeProbability < 0.9999 ? "yellow" : "red";
  return { zone, cumulativeProbability };
}

export type TrafficLightBounds = {
  /** Most breaches still green, and still yellow (one more is red). */
  greenMax: number;
  yellowMax: number;
};

/**
 * The breach counts where the zones change for n observations at `confidence`: the largest x with
 * P(X <= x) < 95% (green) and < 99.99% (yellow). The binomial terms are walked up from 0 in log space
 * (p(k+1) = p(k) (n-k)/(k+1) p/q), so a pooled backtest of millions of observations neither
 * underflows q^n nor calls logGamma per term. 250 observations at 99%: 4 and 9 (BCBS 1996, table 2).
 */
export function trafficLightBounds({
  observations,
  confidence,
}: {
  observations: number;
  confidence: number;
}): TrafficLightBounds {
  checkCounts(observations, 0);
  checkConfidence(confidence);
  const n = observations;
  const p = 1 - confidence;
  const step = Math.log(p) - Math.log1p(-p);
  let logTerm = n * Math.log1p(-p);
  let logCdf = logTerm;
  let greenMax = -1;
  let yellowMax = -1;
  const GREEN = Math.log(0.95);
  const YELLOW = Math.log(0.9999);
  for (let k = 0; k <= n; k++) {
    if (logCdf < GREEN) greenMax = k;
    if (logCdf < YELLOW) yellowMax = k;
    else break;
    if (k === n) break;
    logTerm += Math.log(n - k) - Math.log(k + 1) + step;
    // log(e^a + e^b) for a = logCdf >= b = logTerm past the mode; either order is handled.
    const hi = Math.max(logCdf, logTerm);
    logCdf = hi + Math.log1p(Math.exp(Math.min(logCdf, logTerm) - hi));
  }
  return { greenMax, yellowMax };
}
