"use client";
import { useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { Fragment, useState } from "react";
import type { Metric, ReportView } from "@/server/services/reports/report-view.ts";
import { cliCommands, type RunInputsForCli } from "../../lib/cli-commands.ts";
import { downloadText } from "../../lib/download.ts";
import { errorInfo } from "../../lib/errors.ts";
import { formatDateTime, formatPct } from "../../lib/format.ts";
import {
  backtestShort,
  costsMore,
  formatMetricPair,
  isWorse,
  metricChange,
  RISK_IDS,
  verdictSentence,
} from "../../lib/report-verdict.ts";
import { useReportDownload } from "../../lib/use-report-download.ts";
import { useTRPC } from "../../trpc/client.ts";

// chart.js draws on a canvas in the browser: the charts are loaded there only, after the numbers above them.
const ReportCharts = dynamic(() => import("./report-charts.tsx").then((m) => m.ReportCharts), {
  ssr: false,
  loading: () => <p className="muted">Loading charts…</p>,
});
const FrontierSection = dynamic(() => import("./report-charts.tsx").then((m) => m.FrontierSection), {
  ssr: false,
  loading: () => <p className="muted">Loading the frontier chart…</p>,
});

export function Verdict({ view }: { view: ReportView }) {
  const sentence = verdictSentence(view);
  if (!sentence) return null;
  return (
    <p className="verdict">
      <span className="verdict-label">Proposed vs live:</span>{" "}
      {sentence.split(", ").map((part, i, all) => (
        <Fragment key={part}>
          <span className="verdict-part">
            {part}
            {i < all.length - 1 ? "," : "."}
          </span>{" "}
        </Fragment>
      ))}
    </p>
  );
}

const tone = (worse: boolean | null) => (worse === null ? "" : worse ? "worse" : "better");

/** One figure of the trade-off: live -> proposed at a precision that shows the change, coloured by direction. */
function TradeCard({ m, worse, words }: { m: Metric; worse: boolean | null; words?: string }) {
  // Counts of accounts read as numbers here; their share of the population goes on a line of its own.
  const [live, proposed] = m.share ? formatMetricPair({ ...m, share: undefined }) : formatMetricPair(m);
  const share = m.share;
  return (
    <div className={`trade-card ${tone(worse)}`}>
      <div className="stat-label">{m.label}</div>
      <div className="trade-values mono">
        <span>{live}</span> <span aria-hidden="true">→</span>
        <span className="visually-hidden"> live, proposed </span> <strong>{proposed}</strong>
      </div>
      <div className={`trade-change mono ${tone(worse)}`}>
        {metricChange(m)}
        {worse !== null && <span className="trade-word">{words ?? (worse ? " riskier" : " safer")}</span>}
      </div>
      {share && (
        <div className="stat-sub">
          {formatPct(share.live)} → {formatPct(share.proposed)} of the accounts simulated
        </div>
      )}
      {m.base && <div className="stat-sub">Base: {m.base}</div>}
    </div>
  );
}

/**
 * The first screen: what the proposal costs (margin held, USD and %), what risk it removes (bad debt
 * expected and tail, worst historical window, accounts, backtest), each live -> proposed and coloured
 * by direction.
 */
export function TradeOff({ view }: { view: ReportView }) {
  const byId = (id: string) => view.metrics.find((m) => m.id === id);
  const margin = byId("totalInitialMargin");
  const ratio = byId("marginRatio");
  const risks = RISK_IDS.flatMap((id) => byId(id) ?? []);
  const all = view.backtests.find((b) => b.id === "all");
  if (!margin && risks.length === 0) return null;
  const more = costsMore(margin);
  return (
    <div className="trade-off">
      <section className="trade-group" aria-labelledby="cost-heading">
        <h3 id="cost-heading">What it costs</h3>
        {margin && (
          <TradeCard
            m={margin}
            worse={more}
            words={more === null ? undefined : more ? " more capital locked" : " less capital locked"}
          />
        )}
        {ratio && <TradeCard m={ratio} worse={null} />}
      </section>
      <section className="trade-group" aria-labelledby="risk-heading-top">
        <h3 id="risk-heading-top">What risk it removes</h3>
        <div className="trade-grid">
          {risks.map((m) => (
            <TradeCard key={m.id} m={m} worse={isWorse(m)} />
          ))}
          {all?.live && all.proposed && (
            <div className="trade-card">
              <div className="stat-label">
                Backtest, Basel traffic light at the {formatPct(view.context.confidence, 0)} target
              </div>
              <div className="trade-values">
                <span className={`zone zone-${all.live.zone}`}>{all.live.zone}</span>{" "}
                <span aria-hidden="true">→</span>{" "}
                <span className={`zone zone-${all.proposed.zone}`}>{all.proposed.zone}</span>
              </div>
              <div className="stat-sub">
                Live: {backtestShort(all.live)}. Proposed: {backtestShort(all.proposed)}. Base: account-steps
                of every scenario group; detail (Kupiec, Christoffersen) in the backtest table below.
              </div>
            </div>
          )}
        </div>
      </section>
    </div>
  );
}

export function MetricsTable({ view }: { view: ReportView }) {
  if (view.metrics.length === 0) return <p className="muted">The report has no headline numbers.</p>;
  return (
    <div className="table-scroll">
      <table className="data metrics stack">
        <caption>Headline numbers{view.population ? ` (${view.population})` : ""}</caption>
        <thead>
          <tr>
            <th scope="col">Measure</th>
            <th scope="col">Live</th>
            <th scope="col">Proposed</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {view.metrics.map((m) => {
            const worse = isWorse(m);
            const [live, proposed] = formatMetricPair(m);
            return (
              <tr key={m.id}>
                <th scope="row">
                  {m.label}
                  {m.description && <span className="param-desc">{m.description}</span>}
                  {m.base && <span className="param-desc">Base: {m.base}</span>}
                </th>
                <td className="mono" data-label="Live">
                  {live}
                </td>
                <td className="mono" data-label="Proposed">
                  {proposed}
                </td>
                <td className={`mono ${tone(worse)}`} data-label="Change">
                  {metricChange(m)}
                  {worse !== null && (
                    <span className="visually-hidden">{worse ? " (riskier)" : " (safer)"}</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="button secondary small"
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(text);
          setCopied(true);
          setTimeout(() => setCopied(false), 1500);
        } catch {
          setCopied(false);
        }
      }}
    >
      {copied ? "Copied" : label}
    </button>
  );
}

export function Reproducibility({
  runId,
  view,
  report,
}: {
  runId: string;
  view: ReportView;
  /** The stored report behind `view`, and the name its download is saved under. */
  report: { id: string; fileName: string };
}) {
  const trpc = useTRPC();
  const reportDownload = useReportDownload();
  const { data: run } = useQuery(trpc.runs.get.queryOptions({ runId }));
  const inputs = (run?.inputs ?? null) as (RunInputsForCli & { live?: unknown; proposed?: unknown }) | null;
  const reportHash = view.reportHash ?? run?.report?.reportHash ?? "";
  const files = {
    live: `run-${runId.slice(0, 10)}-live.json`,
    proposed: `run-${runId.slice(0, 10)}-proposed.json`,
  };
  const cli = cliCommands({
    inputs,
    liveFile: files.live,
    proposedFile: files.proposed,
    reportFile: report.fileName,
  });
  return (
    <section className="panel" aria-labelledby="repro-heading" id="reproduce">
      <h2 id="repro-heading">Reproduce this report</h2>
      <dl className="kv-list">
        <dt>Report hash</dt>
        <dd>
          <code className="hash">{reportHash || "n/a"}</code>
        </dd>
        <dt>Inputs hash</dt>
        <dd>
          <code className="hash">{run?.inputsHash ?? view.inputsHash ?? "…"}</code>
        </dd>
        <dt>Engine version</dt>
        <dd>
          <code>{run?.engineVersion ?? view.engineVersion ?? "…"}</code>
        </dd>
        <dt>Run</dt>
        <dd>
          <code>{runId}</code>
          {run?.finishedAt && <> · finished {formatDateTime(run.finishedAt)}</>}
          {run?.reusedReport && <> · reused an identical earlier run&apos;s report</>}
        </dd>
      </dl>
      <p>
        Anyone can check this report with the MarginLab CLI from a clone of the repository.{" "}
        <strong>Verify</strong> re-runs the downloaded report from its own inputs and compares hashes;{" "}
        <strong>simulate</strong> recomputes it from the two parameter sets.
      </p>
      <pre className="cli">
        <code>{`${cli.verify}\n${cli.simulate}`}</code>
      </pre>
      <div className="inline-form">
        <button
          type="button"
          className="button secondary small"
          disabled={reportDownload.isPending}
          onClick={() => reportDownload.mutate({ reportId: report.id, fileName: report.fileName })}
        >
          Download report
        </button>
        <button
          type="button"
          className="button secondary small"
          disabled={!inputs?.live}
          onClick={() => downloadText(files.live, `${JSON.stringify(inputs?.live, null, 2)}\n`)}
        >
          Download live set
        </button>
        <button
          type="button"
          className="button secondary small"
          disabled={!inputs?.proposed}
          onClick={() => downloadText(files.proposed, `${JSON.stringify(inputs?.proposed, null, 2)}\n`)}
        >
          Download proposed set
        </button>
        <CopyButton text={`${cli.verify}\n${cli.simulate}`} label="Copy commands" />
      </div>
      {reportDownload.error && (
        <p role="alert" className="error">
          The report could not be downloaded: {errorInfo(reportDownload.error).message}
        </p>
      )}
    </section>
  );
}

export function ReportBody({ view }: { view: ReportView }) {
  if (view.legacy) {
    return (
      <>
        <div className="notice warning" role="status">
          {view.legacy.message}
        </div>
        <ReportCharts view={view} />
      </>
    );
  }
  return (
    <>
      <Verdict view={view} />
      <TradeOff view={view} />
      {view.frontier && <FrontierSection view={view} />}
      <MetricsTable view={view} />
      <ReportCharts view={view} />
    </>
  );
}
