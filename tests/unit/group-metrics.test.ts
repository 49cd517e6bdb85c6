import { describe, expect, it } from "vitest";
import { type GroupPath, groupMetrics, totalMetrics } from "../../simulations/report/group-metrics.ts";
import {
  ACCOUNT_BREACHED,
  ACCOUNT_INSOLVENT,
  ACCOUNT_LIQUIDATED,
  type PathSetResult,
} from "../../simulations/simulation/path-result.ts";

const L = ACCOUNT_LIQUIDATED;
const I = ACCOUNT_INSOLVENT;
const B = ACCOUNT_BREACHED;

/** One path's result over a hand-made population: per-account flags and a few sums. */
function path(args: {
  flags: number[];
  badDebt?: number;
  startInitial?: number;
  observations?: number;
  breaches?: number;
  firstHit?: number[];
  lastHit?: number[];
  transitions?: PathSetResult["transitions"];
  label?: string;
}): GroupPath {
  const n = args.flags.length;
  const count = (bit: number) => args.flags.filter((f) => (f & bit) !== 0).length;
  const result: PathSetResult = {
    startInitial: args.startInitial ?? 1000,
    startMaintenance: 0,
    startStandard: 2000,
    startEquity: 0,
    startInitialByArchetype: [],
    startStandardByArchetype: [],
    accounts: n,
    accountsLiquidated: count(L),
    liquidationEvents: count(L) * 2,
    accountsInsolvent: count(I),
    accountFlags: Uint8Array.from(args.flags),
    badDebt: args.badDebt ?? 0,
    penalty: 0,
    slippage: 0,
    notionalClosed: 0,
    observations: args.observations ?? 0,
    breaches: args.breaches ?? 0,
    transitions: args.transitions ?? { n00: 0, n01: 0, n10: 0, n11: 0 },
    firstHit: Int8Array.from(args.firstHit ?? args.flags.map(() => -1)),
    lastHit: Int8Array.from(args.lastHit ?? args.flags.map(() => -1)),
    initial: [args.startInitial ?? 1000],
    equity: [0],
    liquidations: [0],
    badDebtStep: [args.badDebt ?? 0],
    maxImpact: [0],
  };
  return { label: args.label ?? "p", stepLabels: ["2026-01-01"], shockStep: -1, result };
}

const group = (paths: GroupPath[], extra: { probabilistic?: boolean; consecutive?: boolean } = {}) =>
  groupMetrics({
    paths,
    fundUsd: 500,
    confidence: 0.99,
    probabilistic: extra.probabilistic ?? false,
    ...extra,
  });

describe("groupMetrics: distinct accounts and per-path figures", () => {
  // 4 accounts, 3 paths; each path liquidates 3 of them: 9 account-paths, 4 distinct accounts.
  const paths = [
    path({ flags: [L | I, L, L, 0], badDebt: 0 }),
    path({ flags: [L, L | I, 0, L], badDebt: 100 }),
    path({ flags: [L, 0, L | B, L], badDebt: 1000 }),
  ];
  const { metrics: m } = group(paths);

  it("counts each account once however many paths liquidate it, never more than the population", () => {
    expect(m.accounts).toBe(4);
    expect(m.accountsLiquidated).toBe(4); // summed over paths this was 9
    expect(m.accountsLiquidatedShare).toBe(1);
    expect(m.accountsInsolvent).toBe(2); // accounts 0 and 1
    expect(m.accountsInsolventShare).toBe(0.5);
    expect(m.accountsBreached).toBe(1);
    expect(m.accountsLiquidatedMeanPerPath).toBe(3);
    expect(m.accountsInsolventMeanPerPath).toBeCloseTo(2 / 3, 12);
    expect(m.liquidationEventsMeanPerPath).toBe(6);
  });

  it("gives bad debt per path (mean, worst, the sum named as such) and relative to margin and fund", () => {
    expect(m.badDebtMeanPerPath).toBeCloseTo(1100 / 3, 9);
    expect(m.badDebtMaxPerPath).toBe(1000);
    expect(m.badDebtSumOverPaths).toBe(1100);
    expect(m.badDebtMeanPerPathShareOfMargin).toBeCloseTo(1100 / 3 / 1000, 12);
    expect(m.badDebtMaxPerPathShareOfFund).toBe(2);
    // Fund 500, fresh per path: paths at 0, 100, 1000 draw 0, 100, 500 and socialize 0, 0, 500.
    expect(m.insuranceFund.maxDrawdownUsd).toBe(500);
    expect(m.insuranceFund.socializedLossMeanPerPath).toBeCloseTo(500 / 3, 9);
    expect(m.insuranceFund.pathsExceedingFund).toBe(1);
    expect(m.insuranceFund.probabilityBadDebtExceedsFund).toBeNull();
  });

  it("takes margin at the group's first step, not a sum over paths", () => {
    expect(m.totalInitialMargin).toBe(1000);
    expect(m.marginRatio).toBe(0.5);
    expect(m.initialMarginAsOf).toBe("2026-01-01");
  });

  it("computes the tail across paths as a direct sort does: 99% ES and the 95th percentile", () => {
    // 200 Monte Carlo paths with bad debt 1..200 and k % 7 accounts liquidated on path k.
    const many = Array.from({ length: 200 }, (_, k) =>
      path({ flags: Array.from({ length: 7 }, (_, a) => (a < k % 7 ? L : 0)), badDebt: k + 1 }),
    );
    const { metrics: mc } = group(many, { probabilistic: true });
    // The worst 1% of 200 paths are the 2 worst: (200 + 199) / 2.
    expect(mc.badDebtEs99AcrossPaths).toBeCloseTo(199.5, 9);
    expect(mc.badDebtMeanPerPath).toBeCloseTo(100.5, 9);
    // Liquidated per path: sorted, type-7 quantile at h = 199 x 0.95 = 189.05.
    const sorted = many.map((p) => p.result.accountsLiquidated).sort((a, b) => a - b);
    const expected = sorted[189]! + 0.05 * (sorted[190]! - sorted[189]!);
    expect(mc.accountsLiquidatedP95AcrossPaths).toBeCloseTo(expected, 12);
    expect(mc.accountsLiquidated).toBe(6); // at most 6 of the 7 accounts on any path
    expect(mc.insuranceFund.probabilityBadDebtExceedsFund).toBe(0);
    // A single path has no tail across paths.
    expect(group([many[0]!]).metrics.badDebtEs99AcrossPaths).toBeNull();
  });

  it("continues each account's breach sequence across consecutive cohorts only when asked", () => {
    const cohorts = [
      path({ flags: [0, 0, 0], firstHit: [0, 1, -1], lastHit: [0, 1, -1], observations: 2, breaches: 1 }),
      path({ flags: [0, 0, 0], firstHit: [1, 1, 0], lastHit: [1, 1, 0], observations: 3, breaches: 2 }),
    ];
    // Account 0: 0 -> 1 (n01); account 1: 1 -> 1 (n11); account 2 was not observed in the first cohort.
    const chained = group(cohorts, { consecutive: true }).metrics.backtest.christoffersen!;
    expect([chained.n00, chained.n01, chained.n10, chained.n11]).toEqual([0, 1, 0, 1]);
    expect(group(cohorts).metrics.backtest.christoffersen).toBeNull();
  });
});

describe("totalMetrics", () => {
  const window = (flags: number[], badDebt: number, startInitial: number) =>
    group([path({ flags, badDebt, startInitial, observations: 100, breaches: 3 })]);
  const groups = {
    "2020-03-black-thursday": window([L | I, L, 0, 0], 4000, 10_000),
    "2022-11-ftx": window([L, 0, L | I, 0], 1000, 8000),
    "monte-carlo": group(
      Array.from({ length: 100 }, (_, k) =>
        path({ flags: [k === 0 ? L : 0, 0, 0, k < 10 ? L : 0], badDebt: k, observations: 10 }),
      ),
      { probabilistic: true },
    ),
  };
  const t = totalMetrics({
    groups,
    namedWindows: ["2020-03-black-thursday", "2022-11-ftx"],
    today: { asOf: "2026-03-27", totalInitialMargin: 9000, totalStandardMargin: 18_000 },
    fundUsd: 900,
    confidence: 0.99,
  });

  it("unions accounts over every group (never more than the population)", () => {
    expect(t.accountsLiquidated).toBe(4); // accounts 0, 1, 2 in the windows, 3 on Monte Carlo paths
    expect(t.accountsInsolvent).toBe(2);
    expect(t.accountsInsolventShare).toBe(0.5);
  });

  it("states margin at one moment (today), not a sum over windows", () => {
    expect(t.totalInitialMargin).toBe(9000);
    expect(t.initialMarginAsOf).toBe("2026-03-27");
    expect(t.marginRatio).toBe(0.5);
  });

  it("takes expected and tail bad debt from the Monte Carlo paths, the worst and mean window from the named ones", () => {
    expect(t.badDebtMonteCarloMeanPerPath).toBeCloseTo(49.5, 9);
    expect(t.badDebtMonteCarloEs99).toBe(99); // the worst 1 of 100 paths
    expect(t.badDebtMonteCarloEs99ShareOfFund).toBeCloseTo(99 / 900, 12);
    expect(t.badDebtMonteCarloEs99ShareOfMargin).toBeCloseTo(99 / 9000, 12);
    expect(t.badDebtWorstWindow).toBe(4000);
    expect(t.badDebtWorstWindowId).toBe("2020-03-black-thursday");
    expect(t.badDebtWorstWindowShareOfMargin).toBe(0.4);
    expect(t.badDebtMeanPerWindow).toBe(2500);
    expect(t.liquidationsAtRisk95).toBeCloseTo(1, 12);
    expect(t.pathsSimulated).toBe(102);
  });

  it("pools the backtest's account-steps over groups", () => {
    expect(t.backtest.accountStepsObserved).toBe(1200);
    expect(t.backtest.accountStepsBreached).toBe(6);
    expect(t.backtest.expectedBreaches).toBeCloseTo(12, 9);
    expect(t.coverage).toBe(0.995);
    expect(t.backtest.trafficLight?.zone).toBe("green");
  });
});
