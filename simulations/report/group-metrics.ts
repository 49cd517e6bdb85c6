/**
 * Metrics of a scenario group (a window, the weekly cohorts, the Monte Carlo paths, ...) for one
 * parameter set, from the results of its paths, and the totals of a side over its groups. Every field
 * says its base (metric-catalogue.ts): counts of accounts are distinct accounts of the population
 * (unioned over paths), amounts summed over paths are means or tails per path, or named ...SumOverPaths,
 * and margin is the population's at one stated moment.
 */
import {
  ACCOUNT_BREACHED,
  ACCOUNT_INSOLVENT,
  ACCOUNT_LIQUIDATED,
  type PathSetResult,
} from "../simulation/path-result.ts";
import {
  baselTrafficLight,
  christoffersenIndependence,
  kupiecTest,
  type Transitions,
  trafficLightBounds,
} from "../stats/coverage-tests.ts";
import { expectedShortfall, quantile } from "../stats/quantile.ts";

export type KupiecSummary = {
  observations: number;
  breaches: number;
  expectedRate: number;
  observedRate: number;
  lr: number;
  pValue: number;
  /** Two-sided: also true for far fewer breaches than expected (an over-conservative margin). */
  reject: boolean;
};

export type BacktestSummary = {
  targetConfidence: number;
  accountStepsObserved: number;
  accountStepsBreached: number;
  /** accountStepsObserved x (1 - target). */
  expectedBreaches: number;
  coverage: number;
  /**
   * Basel traffic light (BCBS 1996), one-sided: too many breaches for the target? Green while
   * P(X <= breaches) < 95% under the target, yellow below 99.99%, red above; with its zone bounds.
   */
  trafficLight: {
    zone: "green" | "yellow" | "red";
    cumulativeProbability: number;
    greenMaxBreaches: number;
    yellowMaxBreaches: number;
  } | null;
  /** Fewer breaches than the target expects: conservative margin, whose cost the capital metrics show. */
  overConservative: boolean;
  kupiec: KupiecSummary | null;
  /**
   * Christoffersen's independence test on each account's breach sequence (consecutive observations
   * of the same account on a path; for the weekly cohorts, across consecutive cohorts), pooled.
   */
  christoffersen: (Transitions & { lr: number; pValue: number; clustered: boolean }) | null;
};

export type GroupMetrics = {
  accounts: number;
  paths: number;
  /** The step whose margin totalInitialMargin is: the group's first (for the weekly cohorts, the first cohort's). */
  initialMarginAsOf: string;
  totalInitialMargin: number;
  totalStandardMargin: number;
  marginRatio: number | null;
  accountsLiquidated: number;
  accountsLiquidatedShare: number;
  accountsLiquidatedMeanPerPath: number;
  accountsLiquidatedP95AcrossPaths: number | null;
  accountsInsolvent: number;
  accountsInsolventShare: number;
  accountsInsolventMeanPerPath: number;
  accountsBreached: number;
  accountsBreachedShare: number;
  coverage: number;
  backtest: BacktestSummary;
  badDebtMeanPerPath: number;
  badDebtEs99AcrossPaths: number | null;
  badDebtMaxPerPath: number;
  badDebtSumOverPaths: number;
  badDebtMeanPerPathShareOfMargin: number | null;
  badDebtMaxPerPathShareOfFund: number | null;
  liquidationEventsMeanPerPath: number;
  penaltyPaidMeanPerPath: number;
  slippageCostMeanPerPath: number;
  notionalClosedMeanPerPath: number;
  insuranceFund: {
    sizeUsd: number;
    /** The largest draw on the fund on any one path (the fund is fresh on every path). */
    maxDrawdownUsd: number;
    socializedLossMeanPerPath: number;
    pathsExceedingFund: number;
    /** Monte Carlo only: the share of paths whose bad debt exceeds the fund. */
    probabilityBadDebtExceedsFund: number | null;
  };
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
};

export type GroupPath = { label: string; stepLabels: string[]; shockStep: number; result: PathSetResult };

/** A group's metrics and its accounts' flags unioned over its paths (for the side's distinct counts). */
export type GroupOutcome = { metrics: GroupMetrics; flags: Uint8Array; transitions: Transitions };

function ratio(a: number, b: number): number | null {
  return b > 0 ? a / b : null;
}

function countFlag(flags: Uint8Array, bit: number): number {
  let n = 0;
  for (let a = 0; a < flags.length; a++) if ((flags[a]! & bit) !== 0) n++;
  return n;
}

export function backtestSummary(args: {
  observations: number;
  breaches: number;
  transitions: Transitions;
  confidence: number;
}): BacktestSummary {
  const { observations: n, breaches: x, transitions: t, confidence } = args;
  const expectedBreaches = n * (1 - confidence);
  let trafficLight: BacktestSummary["trafficLight"] = null;
  let kupiec: KupiecSummary | null = null;
  if (n > 0) {
    const light = baselTrafficLight({ observations: n, breaches: x, confidence });
    const bounds = trafficLightBounds({ observations: n, confidence });
    trafficLight = {
      zone: light.zone,
      cumulativeProbability: light.cumulativeProbability,
      greenMaxBreaches: bounds.greenMax,
      yellowMaxBreaches: bounds.yellowMax,
    };
    const k = kupiecTest({ observations: n, breaches: x, confidence });
    kupiec = {
      observations: n,
      breaches: x,
      expectedRate: k.expectedRate,
      observedRate: k.observedRate,
      lr: k.lr,
      pValue: k.pValue,
      reject: k.reject,
    };
  }
  let christoffersen: BacktestSummary["christoffersen"] = null;
  if (t.n00 + t.n01 + t.n10 + t.n11 > 0) {
    const c = christoffersenIndependence(t);
    christoffersen = { ...t, lr: c.lrIndependence, pValue: c.pValueIndependence, clustered: c.clustered };
  }
  return {
    targetConfidence: confidence,
    accountStepsObserved: n,
    accountStepsBreached: x,
    expectedBreaches,
    coverage: n > 0 ? 1 - x / n : 1,
    trafficLight,
    overConservative: n > 0 && x < expectedBreaches && kupiec?.reject === true,
    kupiec,
    christoffersen,
  };
}

const addTransitions = (into: Transitions, t: Transitions) => {
  into.n00 += t.n00;
  into.n01 += t.n01;
  into.n10 += t.n10;
  into.n11 += t.n11;
};

export function groupMetrics(args: {
  paths: readonly GroupPath[];
  fundUsd: number;
  confidence: number;
  /** Monte Carlo: report the probability of exceeding the fund. */
  probabilistic: boolean;
  /**
   * Paths that follow each other in time (the weekly cohorts: one ends where the next starts): an
   * account's breach sequence continues from one path to the next.
   */
  consecutive?: boolean;
  /** Named windows: the same path run without liquidations, for aggregate margin at the stress peak vs calm. */
  probe?: GroupPath;
}): GroupOutcome {
  const { paths, fundUsd } = args;
  const n = paths.length;
  if (n === 0) throw new Error("groupMetrics: a group needs at least one path");
  const first = paths[0]!.result;
  const accounts = first.accounts;
  const flags = new Uint8Array(accounts);
  const transitions: Transitions = { n00: 0, n01: 0, n10: 0, n11: 0 };
  const badDebt = new Float64Array(n);
  const liquidatedPerPath = new Float64Array(n);
  let insolventSum = 0;
  let liquidatedSum = 0;
  let breaches = 0;
  let observations = 0;
  let events = 0;
  let penalty = 0;
  let slippage = 0;
  let notional = 0;
  let maxDrawdown = 0;
  let socialized = 0;
  let exceeding = 0;
  let worst: GroupMetrics["worstDay"] = null;
  paths.forEach(({ label, stepLabels, result: r }, k) => {
    if (r.accounts !== accounts)
      throw new Error("groupMetrics: paths of one group must share the population");
    for (let a = 0; a < accounts; a++) flags[a]! |= r.accountFlags[a]!;
    addTransitions(transitions, r.transitions);
    if (args.consecutive && k > 0) {
      const prev = paths[k - 1]!.result.lastHit;
      for (let a = 0; a < accounts; a++) {
        const from = prev[a]!;
        const to = r.firstHit[a]!;
        if (from < 0 || to < 0) continue;
        if (from === 0) to === 0 ? transitions.n00++ : transitions.n01++;
        else to === 0 ? transitions.n10++ : transitions.n11++;
      }
    }
    badDebt[k] = r.badDebt;
    liquidatedPerPath[k] = r.accountsLiquidated;
    liquidatedSum += r.accountsLiquidated;
    insolventSum += r.accountsInsolvent;
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
  });
  let badDebtSum = 0;
  let badDebtMax = 0;
  for (let k = 0; k < n; k++) {
    badDebtSum += badDebt[k]!;
    badDebtMax = Math.max(badDebtMax, badDebt[k]!);
  }
  const badDebtMean = badDebtSum / n;
  let procyclicality: GroupMetrics["procyclicality"] = null;
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
  const totalInitialMargin = first.startInitial;
  const totalStandardMargin = first.startStandard;
  const accountsLiquidated = countFlag(flags, ACCOUNT_LIQUIDATED);
  const accountsInsolvent = countFlag(flags, ACCOUNT_INSOLVENT);
  const accountsBreached = countFlag(flags, ACCOUNT_BREACHED);
  const share = (x: number) => (accounts > 0 ? x / accounts : 0);
  const backtest = backtestSummary({ observations, breaches, transitions, confidence: args.confidence });
  const metrics: GroupMetrics = {
    accounts,
    paths: n,
    initialMarginAsOf: paths[0]!.stepLabels[0]!,
    totalInitialMargin,
    totalStandardMargin,
    marginRatio: ratio(totalInitialMargin, totalStandardMargin),
    accountsLiquidated,
    accountsLiquidatedShare: share(accountsLiquidated),
    accountsLiquidatedMeanPerPath: liquidatedSum / n,
    accountsLiquidatedP95AcrossPaths: n > 1 ? quantile(liquidatedPerPath, 0.95) : null,
    accountsInsolvent,
    accountsInsolventShare: share(accountsInsolvent),
    accountsInsolventMeanPerPath: insolventSum / n,
    accountsBreached,
    accountsBreachedShare: share(accountsBreached),
    coverage: backtest.coverage,
    backtest,
    badDebtMeanPerPath: badDebtMean,
    badDebtEs99AcrossPaths: n > 1 ? expectedShortfall(badDebt, 0.99).es : null,
    badDebtMaxPerPath: badDebtMax,
    badDebtSumOverPaths: badDebtSum,
    badDebtMeanPerPathShareOfMargin: ratio(badDebtMean, totalInitialMargin),
    badDebtMaxPerPathShareOfFund: ratio(badDebtMax, fundUsd),
    liquidationEventsMeanPerPath: events / n,
    penaltyPaidMeanPerPath: penalty / n,
    slippageCostMeanPerPath: slippage / n,
    notionalClosedMeanPerPath: notional / n,
    insuranceFund: {
      sizeUsd: fundUsd,
      maxDrawdownUsd: maxDrawdown,
      socializedLossMeanPerPath: socialized / n,
      pathsExceedingFund: exceeding,
      probabilityBadDebtExceedsFund: args.probabilistic ? exceeding / n : null,
    },
    worstDay: worst,
    procyclicality,
  };
  return { metrics, flags, transitions };
}

export type TotalMetrics = {
  accounts: number;
  /** Paths simulated over every group (windows, cohorts, Monte Carlo and shock paths). */
  pathsSimulated: number;
  /** The population on the last day of market data (the capital-efficiency snapshot). */
  initialMarginAsOf: string;
  totalInitialMargin: number;
  totalStandardMargin: number;
  marginRatio: number | null;
  accountsLiquidated: number;
  accountsLiquidatedShare: number;
  accountsInsolvent: number;
  accountsInsolventShare: number;
  accountsBreached: number;
  accountsBreachedShare: number;
  badDebtMonteCarloMeanPerPath: number | null;
  badDebtMonteCarloEs99: number | null;
  badDebtMonteCarloEs99ShareOfMargin: number | null;
  badDebtMonteCarloEs99ShareOfFund: number | null;
  probabilityBadDebtExceedsFund: number | null;
  liquidationsAtRisk95: number | null;
  badDebtWorstWindow: number | null;
  badDebtWorstWindowId: string | null;
  badDebtWorstWindowShareOfMargin: number | null;
  badDebtMeanPerWindow: number | null;
  insuranceFundUsd: number;
  coverage: number;
  /** Pooled over every group's account-steps. */
  backtest: BacktestSummary;
  worstDay: GroupMetrics["worstDay"];
};

/**
 * A side's totals: margin on the last day of data (one moment, the same as the capital-efficiency
 * snapshot), distinct accounts over every group, bad debt from the Monte Carlo group (expected and
 * 99% ES over its horizon) and from the named windows (worst and mean per window), the backtest
 * pooled over every group. Nothing is summed over windows or paths.
 */
export function totalMetrics(args: {
  groups: Readonly<Record<string, GroupOutcome>>;
  /** Ids of the named historical windows among the groups. */
  namedWindows: readonly string[];
  today: { asOf: string; totalInitialMargin: number; totalStandardMargin: number };
  fundUsd: number;
  confidence: number;
}): TotalMetrics {
  const entries = Object.entries(args.groups);
  if (entries.length === 0) throw new Error("totalMetrics: no scenario group");
  const accounts = entries[0]![1].metrics.accounts;
  const flags = new Uint8Array(accounts);
  const transitions: Transitions = { n00: 0, n01: 0, n10: 0, n11: 0 };
  let observations = 0;
  let breaches = 0;
  let paths = 0;
  let worst: TotalMetrics["worstDay"] = null;
  for (const [, g] of entries) {
    for (let a = 0; a < accounts; a++) flags[a]! |= g.flags[a]!;
    addTransitions(transitions, g.transitions);
    observations += g.metrics.backtest.accountStepsObserved;
    breaches += g.metrics.backtest.accountStepsBreached;
    paths += g.metrics.paths;
    const w = g.metrics.worstDay;
    if (w && (!worst || w.badDebt > worst.badDebt)) worst = w;
  }
  const mc = args.groups["monte-carlo"]?.metrics;
  const named = args.namedWindows.flatMap((id) => {
    const g = args.groups[id];
    return g ? [{ id, m: g.metrics }] : [];
  });
  let worstWindow: { id: string; m: GroupMetrics } | null = null;
  for (const w of named) {
    if (!worstWindow || w.m.badDebtMeanPerPath > worstWindow.m.badDebtMeanPerPath) worstWindow = w;
  }
  const { today } = args;
  const share = (x: number) => (accounts > 0 ? x / accounts : 0);
  const es = mc?.badDebtEs99AcrossPaths ?? null;
  const backtest = backtestSummary({ observations, breaches, transitions, confidence: args.confidence });
  const liquidated = countFlag(flags, ACCOUNT_LIQUIDATED);
  const insolvent = countFlag(flags, ACCOUNT_INSOLVENT);
  const breached = countFlag(flags, ACCOUNT_BREACHED);
  return {
    accounts,
    pathsSimulated: paths,
    initialMarginAsOf: today.asOf,
    totalInitialMargin: today.totalInitialMargin,
    totalStandardMargin: today.totalStandardMargin,
    marginRatio: ratio(today.totalInitialMargin, today.totalStandardMargin),
    accountsLiquidated: liquidated,
    accountsLiquidatedShare: share(liquidated),
    accountsInsolvent: insolvent,
    accountsInsolventShare: share(insolvent),
    accountsBreached: breached,
    accountsBreachedShare: share(breached),
    badDebtMonteCarloMeanPerPath: mc ? mc.badDebtMeanPerPath : null,
    badDebtMonteCarloEs99: es,
    badDebtMonteCarloEs99ShareOfMargin: es === null ? null : ratio(es, today.totalInitialMargin),
    badDebtMonteCarloEs99ShareOfFund: es === null ? null : ratio(es, args.fundUsd),
    probabilityBadDebtExceedsFund: mc?.insuranceFund.probabilityBadDebtExceedsFund ?? null,
    liquidationsAtRisk95: mc?.accountsLiquidatedP95AcrossPaths ?? null,
    badDebtWorstWindow: worstWindow ? worstWindow.m.badDebtMeanPerPath : null,
    badDebtWorstWindowId: worstWindow?.id ?? null,
    badDebtWorstWindowShareOfMargin: worstWindow
      ? ratio(worstWindow.m.badDebtMeanPerPath, worstWindow.m.totalInitialMargin)
      : null,
    badDebtMeanPerWindow:
      named.length > 0 ? named.reduce((s, w) => s + w.m.badDebtMeanPerPath, 0) / named.length : null,
    insuranceFundUsd: args.fundUsd,
    coverage: backtest.coverage,
    backtest,
    worstDay: worst,
  };
}

/** proposed - live for every numeric metric of the catalogue the two share (null where either is missing). */
export function metricDifference(
  live: unknown,
  proposed: unknown,
  keys: readonly string[],
  value: (side: unknown, key: string) => number | null,
): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const k of keys) {
    const a = value(live, k);
    const b = value(proposed, k);
    if (a === null && b === null) continue;
    out[k] = a !== null && b !== null ? b - a : null;
  }
  return out;
}
