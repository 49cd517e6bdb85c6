/**
 * Time series for the report's charts, per parameter set: aggregate initial margin, equity,
 * liquidations, cumulative bad debt and liquidation price impact per step of every named window;
 * per weekly cohort of the rolling history; and per day across Monte Carlo paths (mean and
 * percentiles), plus each vol spike and user shock path.
 */
import type { PathSetResult } from "../simulation/path-result.ts";
import type { SimPath } from "../simulation/sim-path.ts";
import { quantile } from "../stats/quantile.ts";

type SetPair<T> = { live: T; proposed: T };

function cumulative(xs: readonly number[]): number[] {
  let s = 0;
  return xs.map((x) => (s += x));
}

export function windowSeries(path: SimPath, r: SetPair<PathSetResult>, probe?: SetPair<PathSetResult>) {
  const per = (x: PathSetResult, p?: PathSetResult) => ({
    ...(p ? { initialMarginNoLiquidation: p.initial } : {}),
    initialMargin: x.initial,
    equity: x.equity,
    liquidations: x.liquidations,
    badDebtCumulative: cumulative(x.badDebtStep),
    maxPriceImpact: x.maxImpact,
  });
  return {
    steps: path.stepLabels,
    spot: Object.fromEntries(path.underlyings.map((u, k) => [u, path.spot[k]!])),
    impliedVol: Object.fromEntries(path.underlyings.map((u, k) => [u, path.iv[k]!])),
    live: per(r.live, probe?.live),
    proposed: per(r.proposed, probe?.proposed),
  };
}

export function rollingSeries(paths: readonly SimPath[], r: SetPair<PathSetResult[]>) {
  const per = (xs: PathSetResult[]) => ({
    initialMargin: xs.map((x) => x.startInitial),
    standardMargin: xs.map((x) => x.startStandard),
    liquidations: xs.map((x) => x.liquidationEvents),
    badDebt: xs.map((x) => x.badDebt),
    breaches: xs.map((x) => x.breaches),
  });
  return {
    cohortStart: paths.map((p) => p.stepLabels[0]!),
    spot: Object.fromEntries(
      (paths[0]?.underlyings ?? []).map((u, k) => [u, paths.map((p) => p.spot[k]![0]!)]),
    ),
    live: per(r.live),
    proposed: per(r.proposed),
  };
}

function band(values: number[][]) {
  const T = values[0]?.length ?? 0;
  const at = (t: number) => Float64Array.from(values, (v) => v[t]!);
  const q = (p: number) => Array.from({ length: T }, (_, t) => quantile(at(t), p));
  return {
    mean: Array.from({ length: T }, (_, t) => at(t).reduce((s, x) => s + x, 0) / values.length),
    p5: q(0.05),
    p50: q(0.5),
    p95: q(0.95),
    p99: q(0.99),
  };
}

export function monteCarloSeries(paths: readonly SimPath[], r: SetPair<PathSetResult[]>) {
  if (paths.length === 0) return null;
  const per = (xs: PathSetResult[]) => ({
    initialMargin: band(xs.map((x) => x.initial)),
    badDebtCumulative: band(xs.map((x) => cumulative(x.badDebtStep))),
    liquidations: band(xs.map((x) => x.liquidations)),
  });
  return { days: paths[0]!.stepLabels, live: per(r.live), proposed: per(r.proposed) };
}

export function shockSeries(paths: readonly SimPath[], r: SetPair<PathSetResult[]>) {
  return paths.map((p, k) => ({
    label: p.label,
    days: p.stepLabels,
    spot: Object.fromEntries(p.underlyings.map((u, j) => [u, p.spot[j]!])),
    live: {
      initialMargin: r.live[k]!.initial,
      badDebtCumulative: cumulative(r.live[k]!.badDebtStep),
      liquidations: r.live[k]!.liquidations,
    },
    proposed: {
      initialMargin: r.proposed[k]!.initial,
      badDebtCumulative: cumulative(r.proposed[k]!.badDebtStep),
      liquidations: r.proposed[k]!.liquidations,
    },
  }));
}
