// The Snapshot proposal body, generated from the impact report: what changes, what it does to the headline risk
// metrics (live vs proposed), where the charts are (links to the permalink: Snapshot renders Markdown, not
// canvases), and how to reproduce the report. It always fits Snapshot's body limit: the rationale, then the
// diff table's tail, are shortened first, and the reproducibility block is never cut.
import { SNAPSHOT_LIMITS } from "./limits.ts";

export type BodyDiffRow = { path: string; from: unknown; to: unknown; label?: string; unit?: string };

export type ProposalBodyInput = {
  proposal: {
    number: number;
    title: string;
    rationale: string;
    model: string;
    baseVersion: number;
    diff: BodyDiffRow[];
    diffHash: string;
  };
  report: { reportHash: string; inputsHash: string; engineVersion: string; body: unknown };
  /** The proposal's page: the full report with its charts. */
  permalink: string;
  /** The shell commands that check the report (see reproduceCommandOf). */
  reproduceCommand: string;
  limit?: number;
};

type Side = Record<string, unknown>;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** A metric as one number: plain numbers, `{ total | value | mean | usd | rate | count }`, or a list's length. */
export function metricNumber(v: unknown): number | null {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (Array.isArray(v)) return v.length;
  if (isRecord(v)) {
    for (const k of ["total", "totalUsd", "value", "usd", "mean", "rate", "observed", "count"]) {
      const x = v[k];
      if (typeof x === "number" && Number.isFinite(x)) return x;
    }
  }
  return null;
}

function usd(x: number): string {
  const a = Math.abs(x);
  const sign = x < 0 ? "-" : "";
  if (a >= 1e9) return `${sign}$${(a / 1e9).toFixed(2)}B`;
  if (a >= 1e6) return `${sign}$${(a / 1e6).toFixed(2)}M`;
  if (a >= 1e3) return `${sign}$${(a / 1e3).toFixed(1)}k`;
  return `${sign}$${a.toFixed(0)}`;
}
const count = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2));
const percent = (x: number) => `${(x <= 1 ? x * 100 : x).toFixed(1)}%`;

type Metric = { key: string; label: string; format: (x: number) => string; relative: boolean };
const HEADLINE: Metric[] = [
  { key: "totalInitialMargin", label: "Total initial margin", format: usd, relative: true },
  { key: "totalStandardMargin", label: "Total standard margin", format: usd, relative: true },
  { key: "accountsLiquidated", label: "Accounts liquidated", format: count, relative: false },
  { key: "accountsInsolvent", label: "Accounts insolvent", format: count, relative: false },
  { key: "badDebt", label: "Bad debt", format: usd, relative: true },
  { key: "protocolLossEs99", label: "Protocol loss, 99% ES", format: usd, relative: true },
  { key: "breaches", label: "Margin breaches", format: count, relative: false },
  { key: "coverage", label: "Backtest coverage", format: percent, relative: false },
];

function change(m: Metric, live: number, proposed: number): string {
  const d = proposed - live;
  if (d === 0) return "no change";
  if (m.relative && live !== 0) return `${d > 0 ? "+" : ""}${((d / Math.abs(live)) * 100).toFixed(1)}%`;
  if (m.format === percent) return `${d > 0 ? "+" : ""}${(proposed <= 1 ? d * 100 : d).toFixed(1)} pp`;
  return `${d > 0 ? "+" : ""}${m.format(d)}`;
}

const cell = (v: unknown) => {
  const text = typeof v === "string" ? v : JSON.stringify(v);
  return `\`${(text ?? "—").replace(/`/g, "'").replace(/\|/g, "\\|")}\``;
};

function metricsTable(body: unknown): string[] {
  const results = isRecord(body) && isRecord(body.results) ? body.results : null;
  const live = results && isRecord(results.live) ? (results.live as Side) : null;
  const proposed = results && isRecord(results.proposed) ? (results.proposed as Side) : null;
  if (!live || !proposed) return ["_The report has no headline metrics; see the permalink._"];
  const rows: string[] = [];
  for (const m of HEADLINE) {
    const a = metricNumber(live[m.key]);
    const b = metricNumber(proposed[m.key]);
    if (a === null || b === null) continue;
    rows.push(`| ${m.label} | ${m.format(a)} | ${m.format(b)} | ${change(m, a, b)} |`);
  }
  if (rows.length === 0) return ["_The report has no headline metrics; see the permalink._"];
  return ["| Metric | Live | Proposed | Change |", "| --- | ---: | ---: | ---: |", ...rows];
}

/** Per stress window: bad debt live vs proposed, when the report lists windows. */
function windowsTable(body: unknown): string[] {
  const results = isRecord(body) && isRecord(body.results) ? body.results : null;
  const list = (side: unknown) => {
    const w = isRecord(side) ? side.windows : null;
    if (Array.isArray(w)) return w.filter(isRecord);
    if (isRecord(w)) {
      return Object.entries(w)
        .filter(([, v]) => isRecord(v))
        .map(([id, v]): Record<string, unknown> => ({ id, ...(v as object) }));
    }
    return [];
  };
  const live = list(results?.live);
  const proposed = list(results?.proposed);
  const rows: string[] = [];
  for (const l of live) {
    const id = String(l.id ?? l.name ?? "");
    const p = proposed.find((x) => String(x.id ?? x.name ?? "") === id);
    const a = metricNumber(l.badDebt);
    const b = p ? metricNumber(p.badDebt) : null;
    if (!id || a === null || b === null) continue;
    rows.push(`| ${id} | ${usd(a)} | ${usd(b)} |`);
  }
  return rows.length
    ? ["| Stress window | Bad debt, live | Bad debt, proposed |", "| --- | ---: | ---: |", ...rows]
    : [];
}

function diffTable(diff: BodyDiffRow[], maxRows: number): string[] {
  const shown = diff.slice(0, maxRows);
  const lines = [
    "| Parameter | Live | Proposed |",
    "| --- | ---: | ---: |",
    ...shown.map(
      (d) =>
        `| ${d.label ? `${d.label} (\`${d.path}\`)` : `\`${d.path}\``} | ${cell(d.from)} | ${cell(d.to)} |`,
    ),
  ];
  if (diff.length > shown.length)
    lines.push(`| … and ${diff.length - shown.length} more changes | see the permalink | |`);
  return lines;
}

function assemble(input: ProposalBodyInput, rationale: string, maxDiffRows: number): string {
  const { proposal, report, permalink } = input;
  const windows = windowsTable(report.body);
  return [
    `**MarginLab proposal #${proposal.number}**: a change to the live margin parameters (model \`${proposal.model}\`, against live v${proposal.baseVersion}).`,
    "",
    `Full impact report, charts and discussion: ${permalink}`,
    "",
    "## Parameter changes",
    "",
    ...diffTable(proposal.diff, maxDiffRows),
    "",
    "## Headline metrics",
    "",
    ...metricsTable(report.body),
    "",
    ...(windows.length ? [...windows, ""] : []),
    "## Charts",
    "",
    // Anchors of the proposal page's chart sections (app/proposals/[number]/report-charts.tsx).
    `- [Efficiency vs insolvency frontier, live and proposed marked](${permalink}#frontier-heading)`,
    `- [Margin ratio distribution, portfolio vs standard](${permalink}#dist-heading)`,
    `- [Aggregate margin, bad debt and liquidations per stress window](${permalink}#windows-heading)`,
    `- [Risk arrays of representative accounts](${permalink}#risk-heading)`,
    `- [Backtest coverage](${permalink}#coverage-heading)`,
    "",
    ...(rationale ? ["## Rationale", "", rationale, ""] : []),
    "## Reproduce",
    "",
    `- Report hash: \`${report.reportHash}\``,
    `- Inputs hash: \`${report.inputsHash}\``,
    `- Engine version: \`${report.engineVersion}\``,
    `- Diff hash: \`${proposal.diffHash}\``,
    "",
    `The report JSON and both parameter sets can be downloaded from ${permalink}#reproduce; then, from a clone of the MarginLab repository:`,
    "",
    "```sh",
    input.reproduceCommand,
    "```",
    "",
    "**For** enacts the proposed parameters; **Against** keeps the live set; **Abstain** counts toward quorum only.",
  ].join("\n");
}

/** The Markdown body, within `limit` characters (Snapshot's body limit by default). */
export function buildProposalBody(input: ProposalBodyInput): string {
  const limit = input.limit ?? SNAPSHOT_LIMITS.bodyChars;
  const rationale = input.proposal.rationale.trim();
  let rows = input.proposal.diff.length;
  const full = assemble(input, rationale, rows);
  if (full.length <= limit) return full;
  // Shorten the rationale first: it is on the permalink in full.
  const withoutRationale = assemble(input, "", rows).length;
  const note = `\n\n… (continued on the permalink: ${input.permalink})`;
  const room = limit - withoutRationale - "## Rationale\n\n\n\n".length - note.length;
  if (room >= 200) return assemble(input, `${rationale.slice(0, room).trimEnd()}${note}`, rows);
  const noRationale = assemble(input, "", rows);
  if (noRationale.length <= limit) return noRationale;
  // Then the diff table's tail.
  while (rows > 1) {
    rows = Math.max(1, Math.floor(rows * 0.7));
    const text = assemble(input, "", rows);
    if (text.length <= limit) return text;
  }
  const minimal = assemble(input, "", 1);
  if (minimal.length <= limit) return minimal;
  throw new Error(`the report summary alone is ${minimal.length} characters, over Snapshot's ${limit}`);
}

const SAFE = /^[A-Za-z0-9._-]+$/;
const flag = (name: string, v: unknown) =>
  typeof v === "number" && Number.isFinite(v) ? ` --${name} ${v}` : "";

/**
 * The MarginLab CLI commands that check the report: `verify` re-runs the report exported from the permalink from
 * its own inputs and fails unless the hash matches; `simulate` recomputes it from the two parameter sets with the
 * run's options. (File names match the proposal page's downloads.)
 */
export function reproduceCommandOf(args: {
  proposalNumber: number;
  reportHash: string;
  runId: string;
  runInputs: unknown;
}): string {
  const i = isRecord(args.runInputs) ? args.runInputs : {};
  const windows =
    Array.isArray(i.windows) &&
    i.windows.length > 0 &&
    i.windows.every((w) => typeof w === "string" && SAFE.test(w))
      ? ` --windows ${(i.windows as string[]).join(" ")}`
      : "";
  const run = args.runId.slice(0, 10);
  return [
    `npm run -s marginlab -- verify marginlab-proposal-${args.proposalNumber}-report-${args.reportHash.slice(0, 12)}.json`,
    `npm run -s marginlab -- simulate --live run-${run}-live.json --proposed run-${run}-proposed.json` +
      `${flag("accounts", i.accounts)}${flag("paths", i.paths)}${flag("seed", i.seed)}${flag("horizon-days", i.horizonDays)}${windows} --out report.json`,
  ].join("\n");
}
