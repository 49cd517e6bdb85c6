/**
 * Every market path a run simulates, from the scenario library (simulations/scenarios/):
 * - named stress windows, replayed daily from real closes and DVOL (or its proxy), with intraday
 *   sub-steps at the day's high and low on crash days;
 * - the rolling history since 2018 sampled every `rollingStepDays` days, as weekly cohorts: on each
 *   sample day the population is opened afresh and held to the next sample day, where it is revalued
 *   and liquidated (a clearinghouse-style backtest with a one-week margin period of risk);
 * - Monte Carlo paths (half GARCH(1,1) with Student-t innovations, half Merton jump-diffusion),
 *   correlated across BTC and ETH, from the calibration day (the last day of the data);
 * - vol spikes (spot moves with vol multiplied, on day 1) and user shock paths from the same day.
 */
import { addDays, isoDayToEpochDay } from "../market/iso-day.ts";
import { marketStateOn } from "../market/market-state.ts";
import { MS_PER_DAY } from "../pricing/year-fraction.ts";
import { type MonteCarloModel, simulateMonteCarloPaths } from "../scenarios/monte-carlo.ts";
import type { ScenarioPaths } from "../scenarios/scenario-paths.ts";
import { buildShockPaths, parseShockPath, volSpikeScenarios } from "../scenarios/shock-paths.ts";
import { calibrateSyntheticModels, type SyntheticCalibration } from "../scenarios/synthetic-calibration.ts";
import { historicalWindowPath } from "../scenarios/windows.ts";
import type { SimPath } from "./sim-path.ts";

export const SYMBOLS = ["BTC", "ETH"];

/** A daily close is taken at 24:00 UTC of its day. */
export function closeTimeMs(day: string): number {
  return (isoDayToEpochDay(day) + 1) * MS_PER_DAY;
}

export function windowPath(args: { id: string; intraday: "none" | "crash-days" }): SimPath {
  const h = historicalWindowPath({ id: args.id, symbols: SYMBOLS, intraday: args.intraday });
  const t0 = closeTimeMs(h.dates[0]!);
  return {
    group: args.id,
    label: args.id,
    underlyings: [...SYMBOLS],
    timeMs: Array.from(h.timeDays, (d) => t0 + d * MS_PER_DAY),
    stepLabels: h.dates.map((d, i) => (h.phase[i] === "close" ? d : `${d} (${h.phase[i]})`)),
    spot: SYMBOLS.map((s) => Array.from(h.spot[s]!)),
    iv: SYMBOLS.map((s) => Array.from(h.iv[s]!)),
    shockStep: h.shockStep,
  };
}

/** The rolling history as cohorts of two steps (sample day -> next sample day). */
export function rollingCohorts(args: { stepDays: number }): SimPath[] {
  const h = historicalWindowPath({ id: "rolling-2018", symbols: SYMBOLS, stepDays: args.stepDays });
  const out: SimPath[] = [];
  for (let k = 0; k + 1 < h.dates.length; k++) {
    out.push({
      group: "rolling-2018",
      label: `cohort ${h.dates[k]}`,
      underlyings: [...SYMBOLS],
      timeMs: [closeTimeMs(h.dates[k]!), closeTimeMs(h.dates[k + 1]!)],
      stepLabels: [h.dates[k]!, h.dates[k + 1]!],
      spot: SYMBOLS.map((s) => [h.spot[s]![k]!, h.spot[s]![k + 1]!]),
      iv: SYMBOLS.map((s) => [h.iv[s]![k]!, h.iv[s]![k + 1]!]),
      shockStep: -1,
    });
  }
  return out;
}

function fromScenarioPaths(args: {
  sp: ScenarioPaths;
  group: string;
  labels: (p: number) => string;
  startDay: string;
}): SimPath[] {
  const { sp, group, startDay } = args;
  const t0 = closeTimeMs(startDay);
  const out: SimPath[] = [];
  for (let p = 0; p < sp.paths; p++) {
    const base = p * sp.stride;
    out.push({
      group,
      label: args.labels(p),
      underlyings: [...sp.symbols],
      timeMs: Array.from({ length: sp.stride }, (_, t) => t0 + t * MS_PER_DAY),
      stepLabels: Array.from({ length: sp.stride }, (_, t) =>
        t === 0 ? startDay : `${addDays(startDay, t)} (day ${t})`,
      ),
      spot: sp.symbols.map((s) => Array.from(sp.spot[s]!.subarray(base, base + sp.stride))),
      iv: sp.symbols.map((s) => Array.from(sp.iv[s]!.subarray(base, base + sp.stride))),
      shockStep: -1,
    });
  }
  return out;
}

/** Stream offset of the jump-diffusion paths, so they never share a stream with GARCH paths. */
export const JUMP_STREAM_OFFSET = 100_000_000;

export function monteCarloPaths(args: {
  paths: number;
  horizonDays: number;
  seed: number;
  models: readonly MonteCarloModel[];
  calibration?: SyntheticCalibration;
}): { paths: SimPath[]; calibration: SyntheticCalibration } {
  const calibration = args.calibration ?? calibrateSyntheticModels({ symbols: SYMBOLS });
  const out: SimPath[] = [];
  const m = args.models.length;
  args.models.forEach((model, k) => {
    // Paths are split evenly between the models (the first ones take the remainder).
    const count = Math.floor(args.paths / m) + (k < args.paths % m ? 1 : 0);
    if (count === 0) return;
    const sp = simulateMonteCarloPaths({
      calibration,
      model,
      paths: count,
      horizonDays: args.horizonDays,
      seed: args.seed,
      pathStart: k * JUMP_STREAM_OFFSET,
    });
    out.push(
      ...fromScenarioPaths({
        sp,
        group: "monte-carlo",
        labels: (p) => `path ${out.length + p + 1} (${model})`,
        startDay: calibration.asOf,
      }),
    );
  });
  return { paths: out, calibration };
}

export function shockPaths(args: {
  group: "vol-spikes" | "user-shocks";
  shocks: unknown[] | { spotShocks: number[]; volMultipliers: number[] };
  horizonDays: number;
  startDay?: string;
}): SimPath[] {
  const state = marketStateOn({ symbols: SYMBOLS, ...(args.startDay ? { date: args.startDay } : {}) });
  const scenarios = Array.isArray(args.shocks)
    ? args.shocks.map((s, k) => parseShockPath(s, { source: `shockPaths[${k}]` }))
    : volSpikeScenarios({ ...args.shocks, horizonDays: args.horizonDays });
  const H = Math.max(args.horizonDays, ...scenarios.map((s) => Math.max(...s.steps.map((x) => x.day))));
  const sp = buildShockPaths({
    scenarios,
    start: Object.fromEntries(
      SYMBOLS.map((s) => [s, { spot: state.assets[s]!.spot, iv: state.assets[s]!.iv }]),
    ),
    horizonDays: H,
  });
  return fromScenarioPaths({
    sp,
    group: args.group,
    labels: (p) => sp.labels?.[p] ?? `shock ${p + 1}`,
    startDay: state.date,
  });
}
