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
import type { OutcomeMetrics } from "../../../simulations/report/group-metrics.ts";
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
  label: string;
  kind: MetricKind;
  live: number | null;
  proposed: number | null;
  description?: string;
  /** Whether a rise is worse for the protocol's safety (margin: no, bad debt: yes). Null: a trade-off, no color. */
  higherIsWorse: boolean | null;
};

export type SideNumbers = {
  badDebt: number | null;
  breaches: number | null;
  liquidated: number | null;
  insolvent: number | null;
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

export type CoverageRow = { label: string; live: string; proposed: string };

export type MonteCarloView = {
  days: string[];
  live: { mean: number[]; p95: number[] };
  proposed: { mean: number[]; p95: number[] };
};

export type ReportView = {
  reportHash: string | null;
  engineVersion: string | null;
  inputsHash: string | null;
  metrics: Metric[];
  /** The population opened on the last day of data ("today"): the capital-efficiency picture. */
  today: { asOf: string | null; metrics: Metric[] } | null;
  windows: WindowView[];
  frontier: FrontierView | null;
  distribution: DistributionView | null;
  riskArrays: RiskArrayView[];
  coverage: CoverageRow[];
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

type MetricSpec = {
  id: string;
  label: string;
  kind: MetricKind;
  higherIsWorse: boolean | null;
  read: (m: unknown) => number | null;
};

/** A metric read from the field of the same name, or from `path` in a side's results. */
const metric = (
  id: string,
  label: string,
  kind: MetricKind,
  higherIsWorse: boolean | null,
  path: string[] = [id],
): MetricSpec => ({ id, label, kind, higherIsWorse, read: (m) => num(get(m, ...path)) });

const HEADLINE: MetricSpec[] = [
  metric("totalInitialMargin", "Total initial margin", "usd", null),
  metric("totalStandardMargin", "Total standard margin", "usd", null),
  metric("marginRatio", "Portfolio / standard margin", "ratio", null),
  metric("badDebt", "Bad debt", "usd", true),
  metric("protocolLossEs99", "99% ES bad debt (Monte Carlo)", "usd", true),
  metric("socializedLossUsd", "Loss beyond the insurance fund", "usd", true, [
    "insuranceFund",
    "socializedLossUsd",
  ]),
  metric("accountsLiquidated", "Accounts liquidated", "count", true),
  metric("accountsInsolvent", "Accounts insolvent", "count", true),
  metric("breaches", "Margin breaches", "count", true),
  metric("coverage", "Backtest coverage", "fraction", false),
  metric("slippageCost", "Liquidation costs", "usd", true),
];

const TODAY: MetricSpec[] = [
  metric("totalInitialMargin", "Initial margin today", "usd", null),
  metric("totalStandardMargin", "Standard margin today", "usd", null),
  metric("marginRatio", "Portfolio / standard margin", "ratio", null),
];

function metricsOf(
  specs: MetricSpec[],
  live: unknown,
  proposed: unknown,
  descriptions: Record<string, string>,
): Metric[] {
  const out: Metric[] = [];
  for (const s of specs) {
    const l = s.read(live);
    const p = s.read(proposed);
    if (l === null && p === null) continue;
    const description =
      descriptions[s.id] ?? (s.id === "socializedLossUsd" ? descriptions.insuranceFund : undefined);
    out.push({
      id: s.id,
      label: s.label,
      kind: s.kind,
      live: l,
      proposed: p,
      higherIsWorse: s.higherIsWorse,
      ...(description ? { description } : {}),
    });
  }
  return out;
}

function sideNumbers(m: unknown): SideNumbers {
  return {
    badDebt: num(get(m, "badDebt")),
    breaches: num(get(m, "breaches")),
    liquidated: num(get(m, "accountsLiquidated")),
    insolvent: num(get(m, "accountsInsolvent")),
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
    const y = num(get(p, "badDebt"));
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
  return {
    xLabel: "Initial margin (USD)",
    yLabel: "Bad debt (USD)",
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

function coverageText(m: unknown): string {
  const coverage = num(get(m, "coverage"));
  const breaches = num(get(m, "breaches"));
  const obs = num(get(m, "observations"));
  const p = num(get(m, "kupiec", "pValue"));
  const reject = get(m, "kupiec", "reject");
  const parts: string[] = [];
  if (coverage !== null) parts.push(`${(coverage * 100).toFixed(2)}%`);
  if (breaches !== null && obs !== null)
    parts.push(`${breaches} of ${obs.toLocaleString("en-US")} account-steps breached`);
  if (p !== null) parts.push(`Kupiec p = ${p.toFixed(3)}${reject === true ? " (rejected)" : ""}`);
  return parts.length > 0 ? parts.join(", ") : "n/a";
}

function coverageOf(body: unknown, windows: WindowView[]): CoverageRow[] {
  const live = get(body, "results", "live");
  const proposed = get(body, "results", "proposed");
  if (!isObj(live) && !isObj(proposed)) return [];
  const rows: CoverageRow[] = [
    { label: "All scenario groups", live: coverageText(live), proposed: coverageText(proposed) },
  ];
  for (const w of windows) {
    rows.push({
      label: w.label,
      live: coverageText(get(live, "windows", w.id)),
      proposed: coverageText(get(proposed, "windows", w.id)),
    });
  }
  return rows;
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

export function reportView(body: unknown): ReportView {
  const descriptions = stringRecord(get(body, "descriptions"));
  const live = get(body, "results", "live") as OutcomeMetrics | undefined;
  const proposed = get(body, "results", "proposed") as OutcomeMetrics | undefined;
  const windows = windowsOf(body);
  const ce = get(body, "capitalEfficiency");
  const todayMetrics = metricsOf(TODAY, get(ce, "live"), get(ce, "proposed"), descriptions);
  const accounts = num(get(body, "population", "accounts"));
  const paths = num(get(body, "inputs", "paths"));
  return {
    reportHash: str(get(body, "reportHash")),
    engineVersion: str(get(body, "engineVersion")),
    inputsHash: str(get(body, "inputsHash")),
    metrics: metricsOf(HEADLINE, live, proposed, descriptions),
    today: todayMetrics.length > 0 ? { asOf: str(get(ce, "asOf")), metrics: todayMetrics } : null,
    windows,
    frontier: frontierOf(body),
    distribution: distributionOf(body),
    riskArrays: riskArraysOf(body),
    coverage: coverageOf(body, windows),
    monteCarlo: monteCarloOf(body),
    descriptions,
    notes: stringRecord(get(body, "notes")),
    population:
      accounts !== null
        ? `${accounts.toLocaleString("en-US")} accounts${paths !== null && paths > 0 ? `, ${paths} Monte Carlo paths` : ""}`
        : null,
  };
}
