import type { ReportView } from "@/server/services/reports/report-view.ts";
import { formatDateTime, formatParamValue, formatRelChange, formatUsdPair, relChange } from "./format.ts";
import {
  backtestDetail,
  backtestWords,
  formatMetric,
  formatMetricPair,
  metricChange,
  verdictSentence,
} from "./report-verdict.ts";

export type ProposalForExport = {
  number: number;
  title: string;
  state: string;
  author: string;
  baseVersion: number;
  rationale: string;
  diff: readonly { path: string; label?: string; unit?: string; from: unknown; to: unknown }[];
  diffHash: string;
  endorsements: readonly { address: string; reportHash: string; createdAt: Date | string }[];
  reviews: readonly { steward: string; verdict: string; comment: string; createdAt: Date | string }[];
  backing?: { endorsements: number; needed: number; stewardApproved: boolean; backed: boolean } | null;
};

export type RunForExport = {
  id: string;
  inputsHash: string;
  engineVersion: string;
  finishedAt?: Date | string | null;
};

/** Escapes a table cell: pipes would split it, newlines would end the row. */
function cell(s: string): string {
  return s.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

function table(head: string[], rows: string[][]): string {
  return [
    `| ${head.map(cell).join(" | ")} |`,
    `| ${head.map(() => "---").join(" | ")} |`,
    ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`),
  ].join("\n");
}

/**
 * The impact report as a Markdown document for forums and Snapshot descriptions: the change, the verdict, the
 * numbers, and how to reproduce them. Member-written text (title, rationale, review comments) is quoted as it is.
 */
export function reportMarkdown(args: {
  proposal: ProposalForExport;
  view: ReportView | null;
  run: RunForExport | null;
  permalink: string;
  cli?: { simulate: string; verify: string } | null;
}): string {
  const { proposal: p, view, run, permalink } = args;
  const out: string[] = [];
  out.push(`# #${p.number}: ${p.title}`, "");
  out.push(`- State: ${p.state}`, `- Author: \`${p.author}\``, `- Based on live version: v${p.baseVersion}`);
  out.push(`- Permalink: ${permalink}`, `- Diff hash: \`${p.diffHash}\``, "");
  out.push("## Rationale", "", p.rationale.trim(), "");
  out.push("## Parameter changes", "");
  out.push(
    table(
      ["Parameter", "Live", "Proposed", "Change"],
      p.diff.map((d) => [
        d.label ? `${d.label} (\`${d.path}\`)` : `\`${d.path}\``,
        formatParamValue(d.from, d.unit),
        formatParamValue(d.to, d.unit),
        typeof d.from === "number" && typeof d.to === "number"
          ? formatRelChange(relChange(d.from, d.to))
          : "changed",
      ]),
    ),
    "",
  );
  out.push("## Impact report", "");
  if (!view) {
    out.push("The simulation has not finished yet.", "");
  } else if (view.legacy) {
    out.push(view.legacy.message, "");
  } else {
    const verdict = verdictSentence(view);
    if (verdict) out.push(`**Verdict:** ${verdict}.`, "");
    if (view.population) out.push(`Population: ${view.population}.`, "");
    if (view.metrics.length > 0) {
      out.push(
        table(
          ["Measure", "Live", "Proposed", "Change", "Base and definition"],
          view.metrics.map((m) => {
            const [live, proposed] = formatMetricPair(m);
            return [m.label, live, proposed, metricChange(m), `${m.base ?? ""}: ${m.description ?? ""}`];
          }),
        ),
        "",
      );
    }
    if (view.windows.length > 0) {
      out.push("### Scenario groups", "");
      out.push(
        "Bad debt per path (a named window is one path); accounts are distinct accounts of the population.",
        "",
      );
      out.push(
        table(
          [
            "Scenario group",
            "Bad debt per path (live → proposed)",
            "Accounts insolvent",
            "Accounts liquidated",
          ],
          view.windows.map((w) => {
            const [a, b] = formatUsdPair(w.live.badDebt, w.proposed.badDebt);
            return [
              w.period ? `${w.label} (${w.period})` : w.label,
              `${a} → ${b}`,
              `${formatMetric({ kind: "count" }, w.live.insolvent)} → ${formatMetric({ kind: "count" }, w.proposed.insolvent)}`,
              `${formatMetric({ kind: "count" }, w.live.liquidated)} → ${formatMetric({ kind: "count" }, w.proposed.liquidated)}`,
            ];
          }),
        ),
        "",
      );
    }
    if (view.backtests.length > 0) {
      out.push("### Backtest (Basel traffic light; Kupiec and Christoffersen as detail)", "");
      const backtestCell = (c: (typeof view.backtests)[number]["live"]) =>
        c ? `${backtestWords(c)}; ${backtestDetail(c)}` : "n/a";
      out.push(
        table(
          ["Scenario group", "Live", "Proposed"],
          view.backtests.map((b) => [b.label, backtestCell(b.live), backtestCell(b.proposed)]),
        ),
        "",
      );
    }
  }
  out.push("## Reproducibility", "");
  if (view?.reportHash) out.push(`- Report hash: \`${view.reportHash}\``);
  if (run) {
    out.push(
      `- Inputs hash: \`${run.inputsHash}\``,
      `- Engine version: \`${run.engineVersion}\``,
      `- Run: \`${run.id}\``,
    );
    if (run.finishedAt) out.push(`- Finished: ${formatDateTime(run.finishedAt)}`);
  }
  if (args.cli) out.push("", "```sh", args.cli.simulate, args.cli.verify, "```");
  out.push("");
  out.push("## Backing", "");
  if (p.backing) {
    out.push(
      `${p.backing.endorsements} of ${p.backing.needed} endorsements; steward ${
        p.backing.stewardApproved ? "approved" : "has not approved"
      }; ${p.backing.backed ? "backed" : "not backed yet"}.`,
      "",
    );
  }
  for (const e of p.endorsements)
    out.push(
      `- Endorsed by \`${e.address}\` on ${formatDateTime(e.createdAt)} (report \`${e.reportHash.slice(0, 12)}\`)`,
    );
  for (const r of p.reviews) {
    out.push(
      `- Steward \`${r.steward}\`: **${r.verdict}** on ${formatDateTime(r.createdAt)}${r.comment ? `: ${r.comment.replace(/\r?\n/g, " ")}` : ""}`,
    );
  }
  out.push("");
  return out.join("\n");
}
