import type { Metric, ReportView } from "@/server/services/reports/report-view.ts";
import {
  formatInteger,
  formatPct,
  formatRelChange,
  formatUsd,
  formatUsdChange,
  relChange,
} from "./format.ts";

const byId = (v: ReportView, id: string) => v.metrics.find((m) => m.id === id);

/** "3 → 7" */
function arrow(a: number | null, b: number | null, fmt: (x: number) => string) {
  return `${a === null ? "n/a" : fmt(a)} \u2192 ${b === null ? "n/a" : fmt(b)}`;
}

export function formatMetric(m: Pick<Metric, "kind">, x: number | null): string {
  if (x === null) return "n/a";
  switch (m.kind) {
    case "usd":
      return formatUsd(x);
    case "fraction":
      return formatPct(x);
    case "ratio":
      return x.toFixed(2);
    case "count":
      return formatInteger(x);
  }
}

/** The change of a metric in words: "−12%" for amounts, "+$1.4M" for bad debt, "3 → 7" for counts. */
export function metricChange(m: Pick<Metric, "id" | "kind" | "live" | "proposed" | "higherIsWorse">): string {
  if (m.kind === "count") return arrow(m.live, m.proposed, formatInteger);
  if (m.kind === "fraction") return arrow(m.live, m.proposed, (x) => formatPct(x, 2));
  if (m.kind === "ratio") return arrow(m.live, m.proposed, (x) => x.toFixed(3));
  // Losses change by dollars (a relative change from $0 says nothing); amounts held by percent.
  if (m.higherIsWorse)
    return formatUsdChange(m.live !== null && m.proposed !== null ? m.proposed - m.live : null);
  return formatRelChange(relChange(m.live, m.proposed));
}

/** Whether the proposal makes this metric worse for the protocol's safety (null: unchanged, unknown, or a trade-off). */
export function isWorse(m: Pick<Metric, "live" | "proposed" | "higherIsWorse">): boolean | null {
  if (m.live === null || m.proposed === null || m.live === m.proposed || m.higherIsWorse === null)
    return null;
  return m.higherIsWorse ? m.proposed > m.live : m.proposed < m.live;
}

/**
 * The headline verdict in words, e.g. "margin −12%, bad debt +$1.4M, breaches 3 → 7 (most in 2022-11-ftx: 1 → 5)".
 * Null when the report holds none of the headline numbers.
 */
export function verdictSentence(v: ReportView): string | null {
  const parts: string[] = [];
  const margin = byId(v, "totalInitialMargin");
  if (margin) parts.push(`margin ${formatRelChange(relChange(margin.live, margin.proposed))}`);
  const es = byId(v, "protocolLossEs99");
  const badDebt = byId(v, "badDebt");
  if (es && es.live !== null && es.proposed !== null) parts.push(`99% ES bad debt ${metricChange(es)}`);
  if (badDebt) parts.push(`${es ? "stress " : ""}bad debt ${metricChange(badDebt)}`);
  const breaches = byId(v, "breaches");
  if (breaches) {
    // The window that moved most in the direction of the total change: where a reader should look first.
    const direction = Math.sign((breaches.proposed ?? 0) - (breaches.live ?? 0));
    let worst: { label: string; from: number; to: number } | null = null;
    for (const w of v.windows) {
      const a = w.live.breaches;
      const b = w.proposed.breaches;
      if (a === null || b === null || Math.sign(b - a) !== direction) continue;
      if (!worst || Math.abs(b - a) > Math.abs(worst.to - worst.from))
        worst = { label: w.id, from: a, to: b };
    }
    const where =
      worst && direction !== 0 && worst.to !== worst.from
        ? ` (most in ${worst.label}: ${formatInteger(worst.from)} \u2192 ${formatInteger(worst.to)})`
        : "";
    parts.push(`breaches ${arrow(breaches.live, breaches.proposed, formatInteger)}${where}`);
  }
  const insolvent = byId(v, "accountsInsolvent");
  if (insolvent && insolvent.live !== insolvent.proposed) {
    parts.push(`insolvent accounts ${arrow(insolvent.live, insolvent.proposed, formatInteger)}`);
  }
  return parts.length > 0 ? parts.join(", ") : null;
}
