import type { ReportView } from "./report-view.ts";

/** What a proposal's report says in one line of the proposals list: its verdict, its cost and the risk it removes. */
export type ReportHeadline = {
  /** safer / riskier by the headline risk, costlier / cheaper by the margin held. */
  verdict:
    | "safer-and-costlier"
    | "safer-and-cheaper"
    | "riskier-and-cheaper"
    | "riskier-and-costlier"
    | "safer-at-no-cost"
    | "riskier-at-no-saving"
    | "cheaper-same-risk"
    | "costlier-same-risk"
    | "no-change"
    | "not-comparable";
  /** Initial margin held, one moment (the report's headline). */
  margin: { live: number; proposed: number } | null;
  /** The first headline risk the report has: tail bad debt, then the worst window, then insolvent accounts. */
  risk: { id: string; label: string; kind: "usd" | "count"; live: number; proposed: number } | null;
};

const RISK_ORDER = [
  "badDebtMonteCarloEs99",
  "badDebtWorstWindow",
  "badDebtMonteCarloMeanPerPath",
  "accountsInsolvent",
] as const;

export function reportHeadline(view: ReportView): ReportHeadline {
  if (view.legacy) return { verdict: "not-comparable", margin: null, risk: null };
  const m = view.metrics.find((x) => x.id === "totalInitialMargin");
  const margin = m && m.live !== null && m.proposed !== null ? { live: m.live, proposed: m.proposed } : null;
  let risk: ReportHeadline["risk"] = null;
  for (const id of RISK_ORDER) {
    const r = view.metrics.find((x) => x.id === id);
    if (r && r.live !== null && r.proposed !== null && (r.kind === "usd" || r.kind === "count")) {
      risk = { id, label: r.label, kind: r.kind, live: r.live, proposed: r.proposed };
      break;
    }
  }
  if (!margin || !risk) return { verdict: "not-comparable", margin, risk };
  const cost = Math.sign(margin.proposed - margin.live);
  const danger = Math.sign(risk.proposed - risk.live);
  const verdict: ReportHeadline["verdict"] =
    danger < 0
      ? cost > 0
        ? "safer-and-costlier"
        : cost < 0
          ? "safer-and-cheaper"
          : "safer-at-no-cost"
      : danger > 0
        ? cost < 0
          ? "riskier-and-cheaper"
          : cost > 0
            ? "riskier-and-costlier"
            : "riskier-at-no-saving"
        : cost < 0
          ? "cheaper-same-risk"
          : cost > 0
            ? "costlier-same-risk"
            : "no-change";
  return { verdict, margin, risk };
}
