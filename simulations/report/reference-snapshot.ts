/**
 * The population opened on the last day of the data ("today"), margined under each parameter set:
 * the capital-efficiency picture (portfolio vs standard margin in total, per archetype, and the
 * distribution of the per-account ratio), the insurance fund's default size, and the full scenario
 * risk arrays of one representative account per archetype (the account of median size).
 */
import type { Position } from "../input/portfolio.ts";
import { marketStateOn } from "../market/market-state.ts";
import { parseParamSet } from "../models/registry.ts";
import { type AccountTemplate, ARCHETYPES } from "../population/account-template.ts";
import { closeTimeMs, SYMBOLS } from "../simulation/build-paths.ts";
import { createRiskArrayCache } from "../simulation/margin-stepper.ts";
import { type OpenedBook, openAccounts, openBook } from "../simulation/open-accounts.ts";
import type { ResolvedSetJson } from "../simulation/param-sets.ts";
import { setRuntime } from "../simulation/param-sets.ts";
import { buildStepTable } from "../simulation/step-table.ts";
import { quantile } from "../stats/quantile.ts";

export const RATIO_BINS = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1, 1.25, 1.5, 2, 3];

export type EfficiencySummary = {
  totalInitialMargin: number;
  totalStandardMargin: number;
  marginRatio: number | null;
  byArchetype: Record<
    string,
    { accounts: number; initialMargin: number; standardMargin: number; marginRatio: number | null }
  >;
  /** Per-account initial / standard margin, over accounts with standard margin > 0. */
  ratioQuantiles: { p5: number; p25: number; p50: number; p75: number; p95: number } | null;
  /** Accounts per ratio bin: bin k holds ratios in [edges[k], edges[k+1]), the last is open. */
  ratioHistogram: { edges: number[]; counts: number[] };
};

export type RepresentativeAccount = {
  archetype: string;
  strategy: string;
  account: number;
  sizeUsd: number;
  positions: { instrument: string; qty: number }[];
  collateral: { asset: string; amount: number }[];
  bySet: Record<
    "live" | "proposed",
    {
      initialMargin: number;
      maintenanceMargin: number;
      standardMargin: number;
      worstLoss: number;
      worstScenario: { priceShock: number; volShock: number };
      scenarioLosses: { priceShock: number; volShock: number; loss: number }[];
    }
  >;
};

export type ReferenceSnapshot = {
  asOf: string;
  market: Record<string, { spot: number; iv: number; ivFromDvol: boolean }>;
  live: EfficiencySummary;
  proposed: EfficiencySummary;
  representativeAccounts: RepresentativeAccount[];
};

function summarize(args: {
  templates: readonly AccountTemplate[];
  initial: Float64Array;
  standard: Float64Array;
}): EfficiencySummary {
  const { templates, initial, standard } = args;
  let im = 0;
  let std = 0;
  const by: EfficiencySummary["byArchetype"] = {};
  for (const a of ARCHETYPES) by[a] = { accounts: 0, initialMargin: 0, standardMargin: 0, marginRatio: null };
  const ratios: number[] = [];
  const counts = RATIO_BINS.map(() => 0);
  templates.forEach((t, k) => {
    im += initial[k]!;
    std += standard[k]!;
    const b = by[t.archetype]!;
    b.accounts++;
    b.initialMargin += initial[k]!;
    b.standardMargin += standard[k]!;
    if (standard[k]! > 0) {
      const r = initial[k]! / standard[k]!;
      ratios.push(r);
      let bin = 0;
      while (bin + 1 < RATIO_BINS.length && r >= RATIO_BINS[bin + 1]!) bin++;
      counts[bin]!++;
    }
  });
  for (const b of Object.values(by))
    b.marginRatio = b.standardMargin > 0 ? b.initialMargin / b.standardMargin : null;
  const sample = Float64Array.from(ratios);
  return {
    totalInitialMargin: im,
    totalStandardMargin: std,
    marginRatio: std > 0 ? im / std : null,
    byArchetype: by,
    ratioQuantiles:
      sample.length > 0
        ? {
            p5: quantile(sample, 0.05),
            p25: quantile(sample, 0.25),
            p50: quantile(sample, 0.5),
            p75: quantile(sample, 0.75),
            p95: quantile(sample, 0.95),
          }
        : null,
    ratioHistogram: { edges: RATIO_BINS, counts },
  };
}

function representative(templates: readonly AccountTemplate[]): number[] {
  const out: number[] = [];
  for (const a of ARCHETYPES) {
    const idx = templates.map((t, k) => (t.archetype === a ? k : -1)).filter((k) => k >= 0);
    if (idx.length === 0) continue;
    idx.sort((x, y) => templates[x]!.sizeUsd - templates[y]!.sizeUsd || x - y);
    out.push(idx[Math.floor((idx.length - 1) / 2)]!);
  }
  return out;
}

/** The market on the last day of data, and the population opened on it. */
function openOnLastDay(templates: readonly AccountTemplate[]) {
  const state = marketStateOn({ symbols: SYMBOLS });
  const market = {
    timeMs: closeTimeMs(state.date),
    spot: Float64Array.from(SYMBOLS, (s) => state.assets[s]!.spot),
    iv: Float64Array.from(SYMBOLS, (s) => state.assets[s]!.iv),
  };
  const opened: OpenedBook = openBook({ templates, underlyings: SYMBOLS, market });
  const step = buildStepTable(opened.registry, market);
  return { state, market, opened, step };
}

/**
 * Initial and standard margin of the population on the last day of data under each set: the moment
 * the report's totals and the frontier's points are all measured at, so they compare like with like.
 */
export function marginsOnLastDay(args: {
  templates: readonly AccountTemplate[];
  sets: readonly ResolvedSetJson[];
}): { totalInitialMargin: number; totalStandardMargin: number }[] {
  if (args.sets.length === 0) return [];
  const { state, market, opened, step } = openOnLastDay(args.templates);
  return args.sets.map((json) => {
    const runtime = setRuntime(json);
    const stepper = runtime.makeStepper({
      underlyings: SYMBOLS,
      cache: createRiskArrayCache(),
      startDay: state.date,
    });
    const { ev } = openAccounts({ opened, stepper, step, market, haircutOf: runtime.haircutOf });
    let im = 0;
    let std = 0;
    for (let a = 0; a < args.templates.length; a++) {
      im += ev.initial[a]!;
      std += ev.standardInitial[a]!;
    }
    return { totalInitialMargin: im, totalStandardMargin: std };
  });
}

export function referenceSnapshot(args: {
  templates: readonly AccountTemplate[];
  sets: [ResolvedSetJson, ResolvedSetJson];
}): ReferenceSnapshot {
  const { templates, sets } = args;
  const { state, market, opened, step } = openOnLastDay(templates);
  const reps = representative(templates);
  const summaries: EfficiencySummary[] = [];
  const repBySet: RepresentativeAccount["bySet"][] = reps.map(() => ({}) as RepresentativeAccount["bySet"]);
  const snapshot = {
    asOf: new Date(market.timeMs).toISOString(),
    asOfMs: market.timeMs,
    underlyings: Object.fromEntries(
      SYMBOLS.map((s, u) => [s, { spot: market.spot[u]!, vol: market.iv[u]!, rate: 0 }]),
    ),
  };
  const portfolios: { positions: Position[]; collateral: { asset: string; amount: number }[] }[] = [];
  sets.forEach((json, k) => {
    const runtime = setRuntime(json);
    const stepper = runtime.makeStepper({
      underlyings: SYMBOLS,
      cache: createRiskArrayCache(),
      startDay: state.date,
    });
    const { state: accounts, ev } = openAccounts({
      opened,
      stepper,
      step,
      market,
      haircutOf: runtime.haircutOf,
    });
    summaries.push(summarize({ templates, initial: ev.initial, standard: ev.standardInitial }));
    const { model, params } = parseParamSet(json);
    reps.forEach((a, r) => {
      const positions: Position[] = [];
      const collateral = [{ asset: "USDC", amount: accounts.book.cashUsd[a]! }];
      for (let p = opened.offsets[a]!; p < opened.offsets[a + 1]!; p++) {
        const instrument = step.table.instruments[opened.instrument[p]!]!;
        if (opened.isCollateral[p] === 1)
          collateral.push({ asset: instrument.underlying, amount: opened.qty[p]! });
        else if (opened.qty[p] !== 0) positions.push({ instrument, qty: opened.qty[p]! });
      }
      if (k === 0) portfolios.push({ positions, collateral });
      const report = model.compute({ market: snapshot, portfolio: { collateral, positions }, params });
      repBySet[r]![k === 0 ? "live" : "proposed"] = {
        initialMargin: report.portfolioMargin.initial,
        maintenanceMargin: report.portfolioMargin.maintenance,
        standardMargin: report.standardMargin.initial,
        worstLoss: report.worstLoss,
        worstScenario: {
          priceShock: report.worstScenario.priceShock,
          volShock: report.worstScenario.volShock,
        },
        scenarioLosses: report.scenarioLosses.map((s) => ({
          priceShock: s.priceShock,
          volShock: s.volShock,
          loss: s.loss,
        })),
      };
    });
  });
  return {
    asOf: state.date,
    market: Object.fromEntries(SYMBOLS.map((s) => [s, state.assets[s]!])),
    live: summaries[0]!,
    proposed: summaries[1]!,
    representativeAccounts: reps.map((a, r) => ({
      archetype: templates[a]!.archetype,
      strategy: templates[a]!.strategy,
      account: templates[a]!.id,
      sizeUsd: templates[a]!.sizeUsd,
      positions: portfolios[r]!.positions.map((p) => ({ instrument: p.instrument.name, qty: p.qty })),
      collateral: portfolios[r]!.collateral,
      bySet: repBySet[r]!,
    })),
  };
}
