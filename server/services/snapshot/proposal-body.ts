// The Snapshot proposal body, generated from the impact report: what changes, what it does to the headline risk
// metrics (live vs proposed), where the charts are (links to the permalink: Snapshot renders Markdown, not
// canvases), and how to reproduce the report. It always fits Snapshot's body limit: the rationale, then the
// diff table's tail, are shortened first, and the reproducibility block is never cut.
import {
  fillMetricText,
  HEADLINE_METRICS,
  type MetricContext,
  type MetricUnit,
  metricEntry,
  metricValue,
} from "../../../simulations/report/metric-catalogue.ts";
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

const UNITS = [
  { min: 1e9, div: 1e9, suffix: "B" },
  { min: 1e6, div: 1e6, suffix: "M" },
  { min: 1e3, div: 1e3, suffix: "k" },
  { min: 0, div: 1, suffix: "" },
] as const;

/** An amount in a unit chosen for it ("$1.20M"), or in the unit `of` would get (to print a pair alike). */
function usd(x: number, digits = 2, of = x): string {
  const unit = UNITS.find((u) => Math.abs(of) >= u.min) ?? UNITS[3];
  const d = unit.div === 1 ? 0 : unit.div === 1e3 ? Math.max(1, digits - 1) : digits;
  return `${x < 0 ? "-" : ""}$${(Math.abs(x) / unit.div).toFixed(d)}${unit.suffix}`;
}

/** Both amounts in the smaller one's unit, with enough decimals that different amounts read differently. */
function usdPair(a: number, b: number): [string, string] {
  const small = Math.min(Math.abs(a), Math.abs(b)) || Math.max(Math.abs(a), Math.abs(b));
  let digits = 2;
  while (digits < 5 && a !== b && usd(a, digits, small) === usd(b, digits, small)) digits++;
  return [usd(a, digits, small), usd(b, digits, small)];
}
const count = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2));
const percent = (x: number) => `${(x * 100).toFixed(2)}%`;

function format(unit: MetricUnit, a: number, b: number): [string, string] {
  if (unit === "usd") return usdPair(a, b);
  if (unit === "share" || unit === "probability") return [percent(a), percent(b)];
  if (unit === "ratio") return [a.toFixed(3), b.toFixed(3)];
  return [count(a), count(b)];
}

function change(unit: MetricUnit, live: number, proposed: number): string {
  const d = proposed - live;
  if (d === 0) return "no change";
  const sign = d > 0 ? "+" : "";
  if (unit === "usd") {
    const rel = live !== 0 ? ` (${sign}${((d / Math.abs(live)) * 100).toFixed(1)}%)` : "";
    return `${sign}${usd(d)}${rel}`;
  }
  if (unit === "share" || unit === "probability") return `${sign}${(d * 100).toFixed(2)} pp`;
  if (unit === "ratio") return `${sign}${d.toFixed(3)}`;
  return `${sign}${count(d)}`;
}

const cell = (v: unknown) => {
  const text = typeof v === "string" ? v : JSON.stringify(v);
  return `\`${(text ?? "—").replace(/`/g, "'").replace(/\|/g, "\\|")}\``;
};

function contextOf(body: unknown): MetricContext {
  const inputs = isRecord(body) && isRecord(body.inputs) ? body.inputs : {};
  const results = isRecord(body) && isRecord(body.results) ? body.results : {};
  const asOf = isRecord(results.live) ? results.live.initialMarginAsOf : null;
  return {
    asOf: typeof asOf === "string" ? asOf : null,
    horizonDays: typeof inputs.horizonDays === "number" ? inputs.horizonDays : 30,
    confidence: typeof inputs.backtestConfidence === "number" ? inputs.backtestConfidence : 0.99,
  };
}

/** The catalogue's headline metrics, live vs proposed, then (unless left out for room) each one's base and definition. */
function metricsTable(body: unknown, withDefinitions: boolean, permalink: string): string[] {
  const results = isRecord(body) && isRecord(body.results) ? body.results : null;
  const live = results && isRecord(results.live) ? (results.live as Side) : null;
  const proposed = results && isRecord(results.proposed) ? (results.proposed as Side) : null;
  if (!live || !proposed) return ["_The report has no headline metrics; see the permalink._"];
  const ctx = contextOf(body);
  const rows: string[] = [];
  const definitions: string[] = [];
  for (const key of HEADLINE_METRICS) {
    const entry = metricEntry(key);
    const a = metricValue(live, key);
    const b = metricValue(proposed, key);
    if (!entry || a === null || b === null) continue;
    const name = fillMetricText(entry.name, ctx);
    const [fa, fb] = format(entry.unit, a, b);
    rows.push(`| ${name} | ${fa} | ${fb} | ${change(entry.unit, a, b)} |`);
    definitions.push(
      `- **${name}**: ${fillMetricText(entry.definition, ctx)} _Base: ${fillMetricText(entry.base, ctx)}._`,
    );
  }
  if (rows.length === 0) return ["_The report has no headline metrics; see the permalink._"];
  const table = ["| Metric | Live | Proposed | Change |", "| --- | ---: | ---: | ---: |", ...rows, ""];
  return withDefinitions
    ? [...table, ...definitions]
    : [...table, `_What each metric means and its base: ${permalink}#report-heading._`];
}

/** Per scenario group: bad debt per path live vs proposed, when the report lists groups. */
function windowsTable(body: unknown): string[] {
  const results = isRecord(body) && isRecord(body.results) ? body.results : null;
  const groups = (side: unknown) => (isRecord(side) && isRecord(side.windows) ? side.windows : {});
  const live = groups(results?.live);
  const proposed = groups(results?.proposed);
  const rows: string[] = [];
  for (const [id, l] of Object.entries(live)) {
    const a = metricValue(l, "badDebtMeanPerPath");
    const b = metricValue(proposed[id], "badDebtMeanPerPath");
    if (a === null || b === null) continue;
    const [fa, fb] = usdPair(a, b);
    rows.push(`| ${id} | ${fa} | ${fb} |`);
  }
  return rows.length
    ? [
        "| Scenario group | Bad debt per path, live | Bad debt per path, proposed |",
        "| --- | ---: | ---: |",
        ...rows,
      ]
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

function assemble(
  input: ProposalBodyInput,
  rationale: string,
  maxDiffRows: number,
  definitions = true,
): string {
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
    ...metricsTable(report.body, definitions, permalink),
    "",
    ...(windows.length ? [...windows, ""] : []),
    "## Charts",
    "",
    // Anchors of the proposal page's chart sections (app/proposals/[number]/report-charts.tsx).
    `- [Efficiency vs insolvency frontier, live and proposed marked](${permalink}#frontier-heading)`,
    `- [Margin ratio distribution, portfolio vs standard](${permalink}#dist-heading)`,
    `- [Bad debt per scenario group, margin and liquidations per stress window](${permalink}#windows-heading)`,
    `- [Risk arrays of representative accounts](${permalink}#risk-heading)`,
    `- [Backtest: Basel traffic light, Kupiec, Christoffersen](${permalink}#coverage-heading)`,
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
  // Then the metrics' definitions (the permalink has them beside every number).
  const noDefinitions = assemble(input, "", rows, false);
  if (noDefinitions.length <= limit) return noDefinitions;
  // Then the diff table's tail.
  while (rows > 1) {
    rows = Math.max(1, Math.floor(rows * 0.7));
    const text = assemble(input, "", rows, false);
    if (text.length <= limit) return text;
  }
  const minimal = assemble(input, "", 1, false);
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
