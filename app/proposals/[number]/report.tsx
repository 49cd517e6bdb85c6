"use client";
import { useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { Fragment, useState } from "react";
import type { ReportView } from "@/server/services/reports/report-view.ts";
import { cliCommands, type RunInputsForCli } from "../../lib/cli-commands.ts";
import { downloadText } from "../../lib/download.ts";
import { errorInfo } from "../../lib/errors.ts";
import { formatDateTime } from "../../lib/format.ts";
import { formatMetric, isWorse, metricChange, verdictSentence } from "../../lib/report-verdict.ts";
import { useReportDownload } from "../../lib/use-report-download.ts";
import { useTRPC } from "../../trpc/client.ts";

// chart.js draws on a canvas in the browser: the charts are loaded there only, after the numbers above them.
const ReportCharts = dynamic(() => import("./report-charts.tsx").then((m) => m.ReportCharts), {
  ssr: false,
  loading: () => <p className="muted">Loading charts…</p>,
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
            return (
              <tr key={m.id}>
                <th scope="row">
                  {m.label}
                  {m.description && <span className="param-desc">{m.description}</span>}
                </th>
                <td className="mono" data-label="Live">
                  {formatMetric(m, m.live)}
                </td>
                <td className="mono" data-label="Proposed">
                  {formatMetric(m, m.proposed)}
                </td>
                <td
                  className={`mono ${worse === null ? "" : worse ? "worse" : "better"}`}
                  data-label="Change"
                >
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
  return (
    <>
      <Verdict view={view} />
      <MetricsTable view={view} />
      <ReportCharts view={view} />
    </>
  );
}
