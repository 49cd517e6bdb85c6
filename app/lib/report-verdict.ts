import type { Metric, ReportView } from "@/server/services/reports/report-view.ts";
import {
  formatInteger,
  formatPct,
  formatRelChange,
  formatUsd,
  formatUsdChange,
  formatUsdPair,
  relChange,
} from "./format.ts";

const byId = (v: ReportView, id: string) => v.metrics.find((m) => m.id === id);

/** "3 → 7" */
function arrow(a: number | null, b: number | null, fmt: (x: number) => string) {
  return `${a === null ? "n/a" : fmt(a)} \u2192 ${b === null ? "n/a" : fmt(b)}`;
}

/** One value of a metric: "$12.3M", "12 (4.0% of accounts)", "99.12%". */
export function formatMetric(
  m: Pick<Metric, "kind"> & { share?: Metric["share"] },
  x: number | null,
  side?: "live" | "proposed",
): string {
  if (x === null) return "n/a";
  switch (m.kind) {
    case "usd":
      return formatUsd(x);
    case "fraction":
      return formatPct(x, 2);
    case "ratio":
      return x.toFixed(3);
    case "count": {
      const share = side ? m.share?.[side] : null;
      return share === null || share === undefined
        ? formatInteger(x)
        : `${formatInteger(x)} (${formatPct(share)} of accounts)`;
    }
  }
}

/** Both sides of a metric, at a precision where a change always shows: USD pairs share unit and decimals. */
export function formatMetricPair(m: Metric): [string, string] {
  if (m.kind === "usd") return formatUsdPair(m.live, m.proposed);
  if (m.kind === "fraction" && m.live !== null && m.proposed !== null) {
    let digits = 2;
    while (digits < 5 && m.live !== m.proposed && formatPct(m.live, digits) === formatPct(m.proposed, digits))
      digits++;
    return [formatPct(m.live, digits), formatPct(m.proposed, digits)];
  }
  return [formatMetric(m, m.live, "live"), formatMetric(m, m.proposed, "proposed")];
}

/** The change of a metric in words: "+12% (+$1.4M)" for margin, "−$1.4M" for bad debt, "3 → 7" for counts. */
export function metricChange(m: Pick<Metric, "id" | "kind" | "live" | "proposed" | "higherIsWorse">): string {
  if (m.kind === "count") {
    if (m.live === null || m.proposed === null) return "n/a";
    const d = m.proposed - m.live;
    if (d === 0) return "no change";
    const rel = relChange(m.live, m.proposed);
    return `${d > 0 ? "+" : "\u2212"}${formatInteger(Math.abs(d))}${rel === null ? "" : ` (${formatRelChange(rel)})`}`;
  }
  if (m.kind === "fraction") {
    if (m.live === null || m.proposed === null) return "n/a";
    const pp = (m.proposed - m.live) * 100;
    if (pp === 0) return "no change";
    return `${pp > 0 ? "+" : "\u2212"}${Math.abs(pp).toPrecision(2)} pp`;
  }
  if (m.kind === "ratio") {
    if (m.live === null || m.proposed === null) return "n/a";
    const d = m.proposed - m.live;
    return d === 0 ? "no change" : `${d > 0 ? "+" : "\u2212"}${Math.abs(d).toFixed(3)}`;
  }
  const d = m.live !== null && m.proposed !== null ? m.proposed - m.live : null;
  if (d === 0) return "no change";
  // Losses change by dollars (a relative change from $0 says nothing); amounts held by percent and dollars.
  if (m.higherIsWorse) return formatUsdChange(d);
  return `${formatRelChange(relChange(m.live, m.proposed))} (${formatUsdChange(d)})`;
}

/** Whether the proposal makes this metric worse for the protocol's safety (null: unchanged, unknown, or a trade-off). */
export function isWorse(m: Pick<Metric, "live" | "proposed" | "higherIsWorse">): boolean | null {
  if (m.live === null || m.proposed === null || m.live === m.proposed || m.higherIsWorse === null)
    return null;
  return m.higherIsWorse ? m.proposed > m.live : m.proposed < m.live;
}

/** Whether the proposal costs more capital (margin held up), null when unchanged or unknown. */
export function costsMore(m: Pick<Metric, "live" | "proposed"> | undefined): boolean | null {
  if (!m || m.live === null || m.proposed === null || m.live === m.proposed) return null;
  return m.proposed > m.live;
}

/** The risk metrics of the first screen, in order: expected and tail bad debt, the worst window, accounts. */
export const RISK_IDS = [
  "badDebtMonteCarloMeanPerPath",
  "badDebtMonteCarloEs99",
  "badDebtWorstWindow",
  "accountsInsolvent",
  "accountsLiquidated",
  "liquidationsAtRisk95",
] as const;

/**
 * The headline verdict in words, e.g. "margin +12% (+$1.4M), expected bad debt over 30 days −$0.2M,
 * bad debt 99% ES −$1.2M, insolvent accounts 12 → 8, backtest green → green". Null when the report
 * holds none of the headline numbers.
 */
export function verdictSentence(v: ReportView): string | null {
  const parts: string[] = [];
  const margin = byId(v, "totalInitialMargin");
  if (margin) parts.push(`margin ${metricChange(margin)}`);
  const short: Record<string, string> = {
    badDebtMonteCarloMeanPerPath: `expected bad debt over ${v.context.horizonDays} days`,
    badDebtMonteCarloEs99: "bad debt 99% ES",
    badDebtWorstWindow: "worst-window bad debt",
  };
  for (const [id, words] of Object.entries(short)) {
    const m = byId(v, id);
    if (m && m.live !== null && m.proposed !== null) parts.push(`${words} ${metricChange(m)}`);
  }
  const insolvent = byId(v, "accountsInsolvent");
  if (insolvent && insolvent.live !== insolvent.proposed) {
    parts.push(`insolvent accounts ${arrow(insolvent.live, insolvent.proposed, formatInteger)}`);
  }
  const all = v.backtests.find((b) => b.id === "all");
  if (all?.live?.zone && all.proposed?.zone)
    parts.push(`backtest ${all.live.zone} \u2192 ${all.proposed.zone}`);
  return parts.length > 0 ? parts.join(", ") : null;
}

/** The backtest of one set in words: "green (3 breaches; green up to 8, red from 15)". */
export function backtestWords(c: NonNullable<ReportView["backtests"][number]["live"]>): string {
  const zone = c.zone ?? "n/a";
  const bounds =
    c.greenMax !== null && c.yellowMax !== null
      ? `; green up to ${formatInteger(c.greenMax)}, red from ${formatInteger(c.yellowMax + 1)}`
      : "";
  return `${zone} (${formatInteger(c.breaches)} breaches of ${formatInteger(c.observed)} account-steps, ${formatInteger(Math.round(c.expected))} expected${bounds})`;
}

/** The backtest in one short line: "6,121 breaches, 3,077 expected (red from 3,284)". */
export function backtestShort(c: NonNullable<ReportView["backtests"][number]["live"]>): string {
  const red = c.yellowMax !== null ? ` (red from ${formatInteger(c.yellowMax + 1)})` : "";
  return `${formatInteger(c.breaches)} breaches, ${formatInteger(Math.round(c.expected))} expected${red}`;
}

/** Kupiec and Christoffersen in words, the detail beside the traffic light. */
export function backtestDetail(c: NonNullable<ReportView["backtests"][number]["live"]>): string {
  const parts = [`coverage ${formatPct(c.coverage, 2)}`];
  if (c.kupiecP !== null) parts.push(`Kupiec POF p = ${c.kupiecP.toPrecision(2)}`);
  if (c.christoffersenP !== null)
    parts.push(
      `Christoffersen independence p = ${c.christoffersenP.toPrecision(2)}${c.clustered ? " (breaches cluster)" : ""}`,
    );
  if (c.overConservative)
    parts.push("fewer breaches than the target: conservative margin (its cost is the extra margin held)");
  return parts.join("; ");
}
