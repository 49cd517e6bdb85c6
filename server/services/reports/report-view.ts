/**
 * The impact report as the UI reads it. The report JSON is written by the simulation (`runSimulation`, type
 * `SimulationReport`) and stored as-is; this adapter is the one place that knows its shape. It is defensive: the
 * body comes from the database as plain JSON, and a missing optional part (an older report, a run without Monte
 * Carlo paths or a frontier) leaves its section out instead of breaking the page.
 *
 * The server computes it once per stored report (`reportForDisplay`) and pages receive only this view: a quarter
 * of the body's size, because the body also holds what no page draws (per-cohort rolling series, spot and vol
 * paths, shock paths, calibration). The full body goes out only on an explicit export (`reports.body`).
 */
import {
  fillMetricText,
  HEADLINE_METRICS,
  type MetricContext,
  type MetricEntry,
  metricEntry,
  metricValue,
} from "../../../simulations/report/metric-catalogue.ts";
import type { RepresentativeAccount } from "../../../simulations/report/reference-snapshot.ts";

type Obj = Record<string, unknown>;

const isObj = (x: unknown): x is Obj => typeof x === "object" && x !== null && !Array.isArray(x);
const isNum = (x: unknown): x is number => typeof x === "number" && Number.isFinite(x);
const num = (x: unknown): number | null => (isNum(x) ? x : null);
const str = (x: unknown): string | null => (typeof x === "string" ? x : null);

function get(o: unknown, ...path: string[]): unknown {
  let cur = o;
  for (const p of path) {
    if (!isObj(cur)) return undefined;
    cur = cur[p];
  }
  return cur;
}

function numbers(x: unknown): number[] | null {
  if (Array.isArray(x) && x.every((v) => isNum(v) || v === null))
    return x.map((v) => (isNum(v) ? v : Number.NaN));
  return null;
}

export type MetricKind = "usd" | "count" | "fraction" | "ratio";

export type Metric = {
  id: string;
  /** The catalogue's name, with its percentile and horizon filled in. */
  label: string;
  kind: MetricKind;
  live: number | null;
  proposed: number | null;
  /** One-line definition. */
  description?: string;
  /** What the number is measured over (one moment, per path, distinct accounts...). */
  base?: string;
  /** Whether a rise is worse for the protocol's safety (margin: no, bad debt: yes). Null: a trade-off, no color. */
  higherIsWorse: boolean | null;
  /** Counts of accounts: the same as a share of the population. */
  share?: { live: number | null; proposed: number | null };
};

export type SideNumbers = {
  /** Bad debt per path of the group (for a named window: the window's). */
  badDebt: number | null;
  /** 99% ES of bad debt across the group's paths (groups of several paths). */
  badDebtTail: number | null;
  /** Backtest breaches, account-steps. */
  breaches: number | null;
  expectedBreaches: number | null;
  zone: "green" | "yellow" | "red" | null;
  /** Distinct accounts, and their share of the population. */
  liquidated: number | null;
  liquidatedShare: number | null;
  insolvent: number | null;
  insolventShare: number | null;
  /** Initial margin at the group's first step. */
  margin: number | null;
  coverage: number | null;
};

export type WindowSeries = {
  dates: string[];
  live: { margin?: number[]; badDebt?: number[]; liquidations?: number[] };
  proposed: { margin?: number[]; badDebt?: number[]; liquidations?: number[] };
};

export type WindowView = {
  id: string;
  label: string;
  period?: string;
  description?: string;
  live: SideNumbers;
  proposed: SideNumbers;
  series?: WindowSeries;
};

export type FrontierPoint = { x: number; y: number; label?: string };
export type FrontierView = {
  xLabel: string;
  yLabel: string;
  description?: string;
  points: FrontierPoint[];
  live?: FrontierPoint;
  proposed?: FrontierPoint;
};

export type DistributionView = {
  bins: string[];
  series: { label: string; counts: number[] }[];
  description?: string;
};

export type RiskGrid = { priceShocks: number[]; volShocks: number[]; losses: number[][] };

export type RiskArrayView = {
  account: string;
  description?: string;
  live?: RiskGrid;
  proposed?: RiskGrid;
  margins?: { live: number | null; proposed: number | null };
};

/** One backtest of one set: the traffic light, then Kupiec and Christoffersen as detail. */
export type BacktestCell = {
  observed: number;
  breaches: number;
  expected: number;
  coverage: number;
  zone: "green" | "yellow" | "red" | null;
  greenMax: number | null;
  yellowMax: number | null;
  kupiecP: number | null;
  christoffersenP: number | null;
  clustered: boolean;
  overConservative: boolean;
};

export type BacktestRow = {
  id: string;
  label: string;
  live: BacktestCell | null;
  proposed: BacktestCell | null;
};

export type MonteCarloView = {
  days: string[];
  live: { mean: number[]; p95: number[] };
  proposed: { mean: number[]; p95: number[] };
};

export type ReportView = {
  reportHash: string | null;
  engineVersion: string | null;
  inputsHash: string | null;
  /**
   * A report of an engine whose metrics meant something else (sums over paths and windows): its
   * numbers are not shown beside today's, the page says so.
   */
  legacy: { engineVersion: string | null; message: string } | null;
  /** HEADLINE_METRICS of the catalogue, in its order (those the report has). */
  metrics: Metric[];
  /** The backtest's target confidence and the Monte Carlo horizon the names refer to. */
  context: MetricContext;
  insuranceFundUsd: number | null;
  /** The population opened on the last day of data ("today"): the capital-efficiency picture. */
  today: { asOf: string | null; metrics: Metric[] } | null;
  windows: WindowView[];
  frontier: FrontierView | null;
  distribution: DistributionView | null;
  riskArrays: RiskArrayView[];
  backtests: BacktestRow[];
  monteCarlo: MonteCarloView | null;
  descriptions: Record<string, string>;
  notes: Record<string, string>;
  population: string | null;
};

const GROUP_LABELS: Record<string, string> = {
  "rolling-2018": "Weekly cohorts since 2018",
  "monte-carlo": "Monte Carlo paths",
  "vol-spikes": "Vol spikes",
  "user-shocks": "User shock paths",
};

const KIND: Record<MetricEntry["unit"], MetricKind> = {
  usd: "usd",
  accounts: "count",
  "account-steps": "count",
  paths: "count",
  share: "fraction",
  probability: "fraction",
  ratio: "ratio",
};

/** The catalogue's metric for both sides (null when neither side has it). */
function catalogueMetric(key: string, live: unknown, proposed: unknown, ctx: MetricContext): Metric | null {
  const entry = metricEntry(key);
  if (!entry) return null;
  const l = metricValue(live, key);
  const p = metricValue(proposed, key);
  if (l === null && p === null) return null;
  const shareKey = `${key}Share`;
  const hasShare = entry.unit === "accounts" && metricEntry(shareKey) !== undefined;
  return {
    id: key,
    label: fillMetricText(entry.name, ctx),
    kind: KIND[entry.unit],
    live: l,
    proposed: p,
    description: fillMetricText(entry.definition, ctx),
    base: fillMetricText(entry.base, ctx),
    higherIsWorse: entry.direction === "trade-off" ? null : entry.direction === "lower",
    ...(hasShare
      ? { share: { live: metricValue(live, shareKey), proposed: metricValue(proposed, shareKey) } }
      : {}),
  };
}

function metricsOf(keys: readonly string[], live: unknown, proposed: unknown, ctx: MetricContext): Metric[] {
  return keys.flatMap((k) => catalogueMetric(k, live, proposed, ctx) ?? []);
}

const TODAY: readonly string[] = ["totalInitialMargin", "totalStandardMargin", "marginRatio"];

const zoneOf = (x: unknown) => (x === "green" || x === "yellow" || x === "red" ? x : null);

function sideNumbers(m: unknown): SideNumbers {
  return {
    badDebt: num(get(m, "badDebtMeanPerPath")),
    badDebtTail: num(get(m, "badDebtEs99AcrossPaths")),
    breaches: num(get(m, "backtest", "accountStepsBreached")),
    expectedBreaches: num(get(m, "backtest", "expectedBreaches")),
    zone: zoneOf(get(m, "backtest", "trafficLight", "zone")),
    liquidated: num(get(m, "accountsLiquidated")),
    liquidatedShare: num(get(m, "accountsLiquidatedShare")),
    insolvent: num(get(m, "accountsInsolvent")),
    insolventShare: num(get(m, "accountsInsolventShare")),
    margin: num(get(m, "totalInitialMargin")),
    coverage: num(get(m, "coverage")),
  };
}

function windowSeriesOf(s: unknown): WindowSeries | undefined {
  if (!isObj(s)) return undefined;
  const dates = Array.isArray(s.steps) ? s.steps.map(String) : null;
  if (!dates) return undefined;
  const side = (x: unknown) => {
    const margin = numbers(get(x, "initialMargin"));
    const badDebt = numbers(get(x, "badDebtCumulative"));
    const liquidations = numbers(get(x, "liquidations"));
    return {
      ...(margin ? { margin } : {}),
      ...(badDebt ? { badDebt } : {}),
      ...(liquidations ? { liquidations } : {}),
    };
  };
  return { dates, live: side(s.live), proposed: side(s.proposed) };
}

function windowsOf(body: unknown): WindowView[] {
  const live = get(body, "results", "live", "windows");
  const proposed = get(body, "results", "proposed", "windows");
  if (!isObj(live) && !isObj(proposed)) return [];
  const meta = get(body, "scenarios", "windows");
  const metaOf = (id: string) => (Array.isArray(meta) ? meta.find((m) => get(m, "id") === id) : undefined);
  const seriesAll = get(body, "series", "windows");
  const ids = [
    ...new Set([...Object.keys(isObj(live) ? live : {}), ...Object.keys(isObj(proposed) ? proposed : {})]),
  ];
  return ids.map((id) => {
    const m = metaOf(id);
    const start = str(get(m, "start"));
    const end = str(get(m, "end"));
    const description = str(get(m, "description"));
    const series = windowSeriesOf(get(seriesAll, id));
    return {
      id,
      label: str(get(m, "title")) ?? GROUP_LABELS[id] ?? id,
      ...(start && end ? { period: `${start} to ${end}` } : {}),
      ...(description ? { description } : {}),
      live: sideNumbers(get(live, id)),
      proposed: sideNumbers(get(proposed, id)),
      ...(series ? { series } : {}),
    };
  });
}

function frontierOf(body: unknown): FrontierView | null {
  const f = get(body, "frontier");
  if (!isObj(f) || !Array.isArray(f.points)) return null;
  const point = (p: unknown, label?: string): FrontierPoint | null => {
    const x = num(get(p, "totalInitialMargin"));
    const y = num(get(p, "badDebtMeanPerWindow"));
    return x === null || y === null ? null : { x, y, ...(label ? { label } : {}) };
  };
  const parameter = str(f.parameter) ?? "value";
  const points = f.points
    .map((p) => point(p, `${parameter} ${get(p, "value")}`))
    .filter((p): p is FrontierPoint => p !== null)
    .sort((a, b) => a.x - b.x);
  const live = point(f.live, "live");
  const proposed = point(f.proposed, "proposed");
  const description = str(f.description);
  const asOf = str(f.marginAsOf);
  return {
    xLabel: `Initial margin held${asOf ? ` on ${asOf}` : ""} (USD)`,
    yLabel: "Bad debt per window, mean (USD)",
    ...(description ? { description } : {}),
    points,
    ...(live ? { live } : {}),
    ...(proposed ? { proposed } : {}),
  };
}

function binLabels(edges: number[]): string[] {
  return edges.map((e, i) => (i + 1 < edges.length ? `${e}\u2013${edges[i + 1]}` : `\u2265 ${e}`));
}

function distributionOf(body: unknown): DistributionView | null {
  const d = get(body, "series", "marginRatioDistribution");
  if (!isObj(d)) return null;
  const edges = numbers(get(d, "live", "edges")) ?? numbers(get(d, "proposed", "edges"));
  const live = numbers(get(d, "live", "counts"));
  const proposed = numbers(get(d, "proposed", "counts"));
  if (!edges || (!live && !proposed)) return null;
  const description = str(d.description);
  return {
    bins: binLabels(edges),
    series: [
      ...(live ? [{ label: "Live", counts: live }] : []),
      ...(proposed ? [{ label: "Proposed", counts: proposed }] : []),
    ],
    ...(description ? { description } : {}),
  };
}

/** Scenario losses as a vol x price grid (an extreme-move scenario outside the grid leaves other cells empty). */
export function riskGrid(
  losses: readonly { priceShock: number; volShock: number; loss: number }[],
): RiskGrid | undefined {
  if (losses.length === 0) return undefined;
  const priceShocks = [...new Set(losses.map((l) => l.priceShock))].sort((a, b) => a - b);
  const volShocks = [...new Set(losses.map((l) => l.volShock))].sort((a, b) => b - a);
  const grid = volShocks.map(() => priceShocks.map(() => Number.NaN));
  for (const l of losses) {
    const row = grid[volShocks.indexOf(l.volShock)];
    const col = priceShocks.indexOf(l.priceShock);
    // Several scenarios on one cell (e.g. weighted extreme moves): the grid shows the worst.
    if (row && (Number.isNaN(row[col] ?? Number.NaN) || l.loss > (row[col] as number))) row[col] = l.loss;
  }
  return { priceShocks, volShocks, losses: grid };
}

function riskArraysOf(body: unknown): RiskArrayView[] {
  const list = get(body, "capitalEfficiency", "representativeAccounts");
  if (!Array.isArray(list)) return [];
  const out: RiskArrayView[] = [];
  for (const raw of list as Partial<RepresentativeAccount>[]) {
    const sideGrid = (side: "live" | "proposed") => {
      const l = get(raw, "bySet", side, "scenarioLosses");
      return Array.isArray(l)
        ? riskGrid(l as { priceShock: number; volShock: number; loss: number }[])
        : undefined;
    };
    const live = sideGrid("live");
    const proposed = sideGrid("proposed");
    if (!live && !proposed) continue;
    const positions = Array.isArray(raw.positions)
      ? raw.positions
          .map((p) => `${p.qty > 0 ? "+" : ""}${Math.round(p.qty * 100) / 100} ${p.instrument}`)
          .join(", ")
      : "";
    const size = num(raw.sizeUsd);
    out.push({
      account: `${raw.archetype ?? "account"}${raw.strategy ? `: ${raw.strategy}` : ""}`,
      description: [
        size !== null
          ? `Median-size account of its archetype (${Math.round(size).toLocaleString("en-US")} USD)`
          : null,
        positions,
      ]
        .filter(Boolean)
        .join(". "),
      ...(live ? { live } : {}),
      ...(proposed ? { proposed } : {}),
      margins: {
        live: num(get(raw, "bySet", "live", "initialMargin")),
        proposed: num(get(raw, "bySet", "proposed", "initialMargin")),
      },
    });
  }
  return out;
}

function backtestCell(m: unknown): BacktestCell | null {
  const b = get(m, "backtest");
  const observed = num(get(b, "accountStepsObserved"));
  const breaches = num(get(b, "accountStepsBreached"));
  if (observed === null || breaches === null || observed === 0) return null;
  return {
    observed,
    breaches,
    expected: num(get(b, "expectedBreaches")) ?? 0,
    coverage: num(get(b, "coverage")) ?? 1 - breaches / observed,
    zone: zoneOf(get(b, "trafficLight", "zone")),
    greenMax: num(get(b, "trafficLight", "greenMaxBreaches")),
    yellowMax: num(get(b, "trafficLight", "yellowMaxBreaches")),
    kupiecP: num(get(b, "kupiec", "pValue")),
    christoffersenP: num(get(b, "christoffersen", "pValue")),
    clustered: get(b, "christoffersen", "clustered") === true,
    overConservative: get(b, "overConservative") === true,
  };
}

function backtestsOf(body: unknown, windows: WindowView[]): BacktestRow[] {
  const live = get(body, "results", "live");
  const proposed = get(body, "results", "proposed");
  if (!isObj(live) && !isObj(proposed)) return [];
  const rows: BacktestRow[] = [
    { id: "all", label: "All scenario groups", live: backtestCell(live), proposed: backtestCell(proposed) },
    ...windows.map((w) => ({
      id: w.id,
      label: w.label,
      live: backtestCell(get(live, "windows", w.id)),
      proposed: backtestCell(get(proposed, "windows", w.id)),
    })),
  ];
  return rows.filter((r) => r.live || r.proposed);
}

function monteCarloOf(body: unknown): MonteCarloView | null {
  const mc = get(body, "series", "monteCarlo");
  if (!isObj(mc) || !Array.isArray(mc.days)) return null;
  const side = (s: unknown) => ({
    mean: numbers(get(s, "badDebtCumulative", "mean")) ?? [],
    p95: numbers(get(s, "badDebtCumulative", "p95")) ?? [],
  });
  const live = side(mc.live);
  const proposed = side(mc.proposed);
  if (live.mean.length === 0 && proposed.mean.length === 0) return null;
  return { days: mc.days.map(String), live, proposed };
}

function stringRecord(x: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isObj(x)) for (const [k, v] of Object.entries(x)) if (typeof v === "string") out[k] = v;
  return out;
}

/** The simulation revision of an engine version ("0.3.0+sim3.ab12cd34" -> 3), null when unreadable. */
export function simulationRevision(engineVersion: string | null): number | null {
  const m = engineVersion ? /\+sim(\d+)\./.exec(engineVersion) : null;
  return m ? Number(m[1]) : null;
}

/** Reports from simulation revision 3 on carry the metrics of metric-catalogue.ts (methodology §10). */
const FIRST_CATALOGUE_REVISION = 3;

export function reportView(body: unknown): ReportView {
  const live = get(body, "results", "live");
  const proposed = get(body, "results", "proposed");
  const engineVersion = str(get(body, "engineVersion"));
  const revision = simulationRevision(engineVersion);
  const isLegacy =
    (revision !== null && revision < FIRST_CATALOGUE_REVISION) ||
    (revision === null && isObj(live) && !("accountsLiquidatedShare" in live) && "badDebt" in live);
  const windows = isLegacy ? [] : windowsOf(body);
  const ce = get(body, "capitalEfficiency");
  const context: MetricContext = {
    horizonDays: num(get(body, "inputs", "horizonDays")) ?? 30,
    confidence: num(get(body, "inputs", "backtestConfidence")) ?? 0.99,
    asOf: str(get(live, "initialMarginAsOf")) ?? str(get(ce, "asOf")),
  };
  const todayMetrics = metricsOf(TODAY, get(ce, "live"), get(ce, "proposed"), context);
  const accounts = num(get(body, "population", "accounts"));
  const paths = num(get(body, "inputs", "paths"));
  const legacyView = isLegacy
    ? {
        engineVersion,
        message: `This report was made by engine version ${engineVersion ?? "(unknown)"}, whose metrics are defined differently (counts and bad debt summed over paths and windows, margin summed over windows): its numbers are not comparable with today's reports and are not shown. Re-run the simulation to compare.`,
      }
    : null;
  return {
    reportHash: str(get(body, "reportHash")),
    engineVersion,
    inputsHash: str(get(body, "inputsHash")),
    legacy: legacyView,
    metrics: isLegacy ? [] : metricsOf(HEADLINE_METRICS, live, proposed, context),
    context,
    insuranceFundUsd: num(get(body, "scenarios", "insuranceFundUsd")),
    today: todayMetrics.length > 0 ? { asOf: str(get(ce, "asOf")), metrics: todayMetrics } : null,
    windows,
    frontier: isLegacy ? null : frontierOf(body),
    distribution: distributionOf(body),
    riskArrays: riskArraysOf(body),
    backtests: isLegacy ? [] : backtestsOf(body, windows),
    monteCarlo: monteCarloOf(body),
    descriptions: stringRecord(get(body, "descriptions")),
    notes: stringRecord(get(body, "notes")),
    population:
      accounts !== null
        ? `${accounts.toLocaleString("en-US")} accounts${paths !== null && paths > 0 ? `, ${paths} Monte Carlo paths of ${context.horizonDays} days` : ""}`
        : null,
  };
}
