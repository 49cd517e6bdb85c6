/**
 * Metrics of a scenario group (a window, the rolling history, the Monte Carlo paths, ...) for one
 * parameter set, from the results of its paths, and totals over groups. The report contract's fields
 * come first: totalInitialMargin, totalStandardMargin, accountsLiquidated, accountsInsolvent,
 * badDebt, breaches, coverage.
 */
import type { PathSetResult } from "../simulation/path-result.ts";
import { kupiecTest } from "../stats/coverage-tests.ts";
import { expectedShortfall } from "../stats/quantile.ts";

export type KupiecSummary = {
  observations: number;
  breaches: number;
  expectedRate: number;
  observedRate: number;
  lr: number;
  pValue: number;
  reject: boolean;
};

export type OutcomeMetrics = {
  totalInitialMargin: number;
  totalStandardMargin: number;
  accountsLiquidated: number;
  accountsInsolvent: number;
  badDebt: number;
  breaches: number;
  coverage: number;
  marginRatio: number | null;
  liquidationEvents: number;
  observations: number;
  kupiec: KupiecSummary | null;
  penaltyPaid: number;
  slippageCost: number;
  notionalClosed: number;
  insuranceFund: {
    sizeUsd: number;
    maxDrawdownUsd: number;
    socializedLossUsd: number;
    pathsExceedingFund: number;
    probabilityBadDebtExceedsFund: number | null;
  };
  protocolLossEs99: number | null;
  /** badDebt / paths: the expected bad debt of one path (one window, cohort or Monte Carlo scenario). */
  meanBadDebtPerPath: number;
  worstDay: { path: string; step: string; badDebt: number } | null;
  procyclicality: {
    /** Initial margin of the population at the window's first step. */
    calmInitialMargin: number;
    /** The largest it became, with no account liquidated (the same books, rolled and re-hedged). */
    peakInitialMargin: number;
    peakToCalm: number | null;
    peakStep: string;
    /** At the shock day's close, relative to calm. */
    shockToCalm: number | null;
  } | null;
  paths: number;
};

export type GroupPath = { label: string; stepLabels: string[]; shockStep: number; result: PathSetResult };

function kupiec(observations: number, breaches: number, confidence: number): KupiecSummary | null {
  if (observations < 1) return null;
  const k = kupiecTest({ observations, breaches, confidence });
  return {
    observations,
    breaches,
    expectedRate: k.expectedRate,
    observedRate: k.observedRate,
    lr: k.lr,
    pValue: k.pValue,
    reject: k.reject,
  };
}

function ratio(a: number, b: number): number | null {
  return b > 0 ? a / b : null;
}

export function groupMetrics(args: {
  paths: readonly GroupPath[];
  fundUsd: number;
  confidence: number;
  /** Monte Carlo: report the probability of exceeding the fund and the ES of protocol loss. */
  probabilistic: boolean;
  /** Named windows: the same path run without liquidations, for aggregate margin at the stress peak vs calm. */
  probe?: GroupPath;
}): OutcomeMetrics {
  const { paths, fundUsd } = args;
  const n = paths.length;
  let im = 0;
  let std = 0;
  let liquidated = 0;
  let insolvent = 0;
  let badDebt = 0;
  let breaches = 0;
  let observations = 0;
  let events = 0;
  let penalty = 0;
  let slippage = 0;
  let notional = 0;
  let maxDrawdown = 0;
  let socialized = 0;
  let exceeding = 0;
  let worst: OutcomeMetrics["worstDay"] = null;
  for (const { label, stepLabels, result: r } of paths) {
    im += r.startInitial;
    std += r.startStandard;
    liquidated += r.accountsLiquidated;
    insolvent += r.accountsInsolvent;
    badDebt += r.badDebt;
    breaches += r.breaches;
    observations += r.observations;
    events += r.liquidationEvents;
    penalty += r.penalty;
    slippage += r.slippage;
    notional += r.notionalClosed;
    maxDrawdown = Math.max(maxDrawdown, Math.min(r.badDebt, fundUsd));
    socialized += Math.max(0, r.badDebt - fundUsd);
    if (r.badDebt > fundUsd) exceeding++;
    r.badDebtStep.forEach((b, t) => {
      if (b > 0 && (!worst || b > worst.badDebt)) worst = { path: label, step: stepLabels[t]!, badDebt: b };
    });
  }
  let es: number | null = null;
  if (args.probabilistic && n > 0) {
    es = expectedShortfall(
      Float64Array.from(paths, (p) => p.result.badDebt),
      0.99,
    ).es;
  }
  let procyclicality: OutcomeMetrics["procyclicality"] = null;
  if (args.probe) {
    const r = args.probe.result;
    let peak = 0;
    let at = 0;
    r.initial.forEach((v, t) => {
      if (v > peak) {
        peak = v;
        at = t;
      }
    });
    const calm = r.initial[0]!;
    procyclicality = {
      calmInitialMargin: calm,
      peakInitialMargin: peak,
      peakToCalm: ratio(peak, calm),
      peakStep: args.probe.stepLabels[at]!,
      shockToCalm: args.probe.shockStep >= 0 ? ratio(r.initial[args.probe.shockStep]!, calm) : null,
    };
  }
  const totalInitialMargin = n > 0 ? im / n : 0;
  const totalStandardMargin = n > 0 ? std / n : 0;
  return {
    totalInitialMargin,
    totalStandardMargin,
    accountsLiquidated: liquidated,
    accountsInsolvent: insolvent,
    badDebt,
    breaches,
    coverage: observations > 0 ? 1 - breaches / observations : 1,
    marginRatio: ratio(totalInitialMargin, totalStandardMargin),
    liquidationEvents: events,
    observations,
    kupiec: kupiec(observations, breaches, args.confidence),
    penaltyPaid: penalty,
    slippageCost: slippage,
    notionalClosed: notional,
    insuranceFund: {
      sizeUsd: fundUsd,
      maxDrawdownUsd: maxDrawdown,
      socializedLossUsd: socialized,
      pathsExceedingFund: exceeding,
      probabilityBadDebtExceedsFund: args.probabilistic && n > 0 ? exceeding / n : null,
    },
    protocolLossEs99: es,
    meanBadDebtPerPath: n > 0 ? badDebt / n : 0,
    worstDay: worst,
    procyclicality,
    paths: n,
  };
}

/** Totals over groups: sums of the group figures, coverage and Kupiec over all account-steps. */
export function totalMetrics(args: {
  groups: Readonly<Record<string, OutcomeMetrics>>;
  fundUsd: number;
  confidence: number;
}): OutcomeMetrics {
  const gs = Object.values(args.groups);
  const sum = (f: (g: OutcomeMetrics) => number) => gs.reduce((s, g) => s + f(g), 0);
  const im = sum((g) => g.totalInitialMargin);
  const std = sum((g) => g.totalStandardMargin);
  const observations = sum((g) => g.observations);
  const breaches = sum((g) => g.breaches);
  const mc = args.groups["monte-carlo"];
  let worst: OutcomeMetrics["worstDay"] = null;
  for (const g of gs) if (g.worstDay && (!worst || g.worstDay.badDebt > worst.badDebt)) worst = g.worstDay;
  return {
    totalInitialMargin: im,
    totalStandardMargin: std,
    accountsLiquidated: sum((g) => g.accountsLiquidated),
    accountsInsolvent: sum((g) => g.accountsInsolvent),
    badDebt: sum((g) => g.badDebt),
    breaches,
    coverage: observations > 0 ? 1 - breaches / observations : 1,
    marginRatio: ratio(im, std),
    liquidationEvents: sum((g) => g.liquidationEvents),
    observations,
    kupiec: kupiec(observations, breaches, args.confidence),
    penaltyPaid: sum((g) => g.penaltyPaid),
    slippageCost: sum((g) => g.slippageCost),
    notionalClosed: sum((g) => g.notionalClosed),
    insuranceFund: {
      sizeUsd: args.fundUsd,
      maxDrawdownUsd: gs.reduce((m, g) => Math.max(m, g.insuranceFund.maxDrawdownUsd), 0),
      socializedLossUsd: sum((g) => g.insuranceFund.socializedLossUsd),
      pathsExceedingFund: sum((g) => g.insuranceFund.pathsExceedingFund),
      probabilityBadDebtExceedsFund: mc?.insuranceFund.probabilityBadDebtExceedsFund ?? null,
    },
    protocolLossEs99: mc?.protocolLossEs99 ?? null,
    meanBadDebtPerPath: sum((g) => g.paths) > 0 ? sum((g) => g.badDebt) / sum((g) => g.paths) : 0,
    worstDay: worst,
    procyclicality: null,
    paths: sum((g) => g.paths),
  };
}

/** proposed - live for every number of the metrics (null where either is null). */
export function metricDifference(
  live: OutcomeMetrics,
  proposed: OutcomeMetrics,
): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  const keys = [
    "totalInitialMargin",
    "totalStandardMargin",
    "accountsLiquidated",
    "accountsInsolvent",
    "badDebt",
    "breaches",
    "coverage",
    "marginRatio",
    "liquidationEvents",
    "penaltyPaid",
    "slippageCost",
    "protocolLossEs99",
    "meanBadDebtPerPath",
  ] as const;
  for (const k of keys) {
    const a = live[k];
    const b = proposed[k];
    out[k] = typeof a === "number" && typeof b === "number" ? b - a : null;
  }
  out.socializedLossUsd = proposed.insuranceFund.socializedLossUsd - live.insuranceFund.socializedLossUsd;
  return out;
}
