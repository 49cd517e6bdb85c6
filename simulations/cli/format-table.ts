/** Human-readable rendering of a margin report (`--format table`). */
import type { MarginReport } from "../engine/margin-report.ts";

const usd = (x: number) => x.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const num = (x: number, digits = 4) => (Math.abs(x) >= 1e5 ? x.toFixed(0) : x.toPrecision(digits));
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function table(headers: string[], rows: string[][], rightFrom = 1): string {
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? "").length)));
  const line = (cells: string[]) =>
    cells.map((cell, c) => (c >= rightFrom ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join("  ");
  return [line(headers), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

export function formatReportTable(r: MarginReport): string {
  const out: string[] = [];
  out.push(`Margin report (${r.model}) as of ${r.asOf}`, "");
  out.push(
    table(
      ["instrument", "qty", "price", "delta", "gamma", "vega", "theta"],
      r.positions.map((p) => [
        p.instrument,
        num(p.qty),
        usd(p.price),
        num(p.delta),
        num(p.gamma),
        num(p.vega),
        num(p.theta),
      ]),
    ),
    "",
  );
  out.push(
    table(
      ["underlying", "delta", "gamma", "vega", "theta"],
      Object.entries(r.greeks).map(([u, g]) => [u, num(g.delta), num(g.gamma), usd(g.vega), usd(g.theta)]),
    ),
    "",
  );
  // One loss column per underlying (each underlying's worst scenario is marked *, since by default
  // the worst loss is the sum of the underlyings' own worst losses), then the total.
  const underlyings = Object.keys(r.scenarioLosses[0]?.byUnderlying ?? {});
  const worstOf = new Map(
    underlyings.map((u) => [u, r.scenarioLosses.reduce((m, s) => Math.max(m, s.byUnderlying[u] ?? 0), 0)]),
  );
  const totalWorst = r.scenarioLosses.reduce((m, s) => Math.max(m, s.loss), 0);
  const mark = (x: number, w: number) => `${usd(x)}${x > 0 && x === w ? " *" : "  "}`;
  out.push(
    table(
      ["price shock", "vol shock", "weight", ...underlyings.map((u) => `${u} loss`), "total loss"],
      r.scenarioLosses.map((s) => [
        pct(s.priceShock),
        pct(s.volShock),
        s.weight.toFixed(2),
        ...underlyings.map((u) => mark(s.byUnderlying[u] ?? 0, worstOf.get(u) ?? 0)),
        mark(s.loss, totalWorst),
      ]),
    ),
    "(* worst scenario of the column; losses in USD)",
    "",
  );
  const pm = r.portfolioMargin;
  const rows: string[][] = [
    ["worst loss", usd(r.worstLoss)],
    ...Object.entries(pm.components)
      .filter(([k]) => k !== "worstLoss")
      .map(([k, v]) => [`  + ${k}`, usd(v)]),
    ["portfolio initial", usd(pm.initial)],
    ["portfolio maintenance", usd(pm.maintenance)],
    ["standard initial", usd(r.standardMargin.initial)],
    ["standard maintenance", usd(r.standardMargin.maintenance)],
    ["equity", usd(r.account.equity)],
    ["initial excess", usd(r.account.initialExcess)],
    ["maintenance excess", usd(r.account.maintenanceExcess)],
    [
      "margin ratio (MM/equity)",
      r.account.marginRatio === null ? "n/a (equity <= 0)" : pct(r.account.marginRatio),
    ],
  ];
  const measure = (name: string, m: MarginReport["var"]) =>
    m.unavailable
      ? [[name, `n/a: ${m.unavailable}`]]
      : [
          [`${name} historical`, usd(m.historical ?? 0)],
          [`${name} filtered`, usd(m.filtered ?? 0)],
        ];
  rows.push(...measure(`VaR ${pct(r.var.confidence)} ${r.var.horizonDays}d`, r.var));
  rows.push(...measure(`ES ${pct(r.es.confidence)} ${r.es.horizonDays}d`, r.es));
  out.push(table(["margin", "USD"], rows));
  return out.join("\n");
}
