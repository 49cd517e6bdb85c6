"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { formatDateTime } from "../../lib/format.ts";
import { ReportBody, Reproducibility } from "../../proposals/[number]/report.tsx";
import { RunProgress } from "../../proposals/[number]/run-progress.tsx";
import { useTRPC } from "../../trpc/client.ts";

export function RunReportView({ runId }: { runId: string }) {
  const trpc = useTRPC();
  const { data, error, refetch } = useQuery(trpc.runs.report.queryOptions({ runId }));
  if (error) {
    return (
      <>
        <h1>Run not found</h1>
        <p className="muted">{error.message}</p>
        <Link href="/runs">All runs</Link>
      </>
    );
  }
  if (!data) return <p className="muted">Loading the run…</p>;
  const { run, report } = data;
  const inputs = run.inputs as { accounts?: number; paths?: number; seed?: number } | null;
  const view = report?.view ?? null;
  return (
    <>
      <p>
        <Link href="/runs">Runs</Link>
        {run.proposal && (
          <>
            {" "}
            / <Link href={`/proposals/${run.proposal.number}`}>#{run.proposal.number}</Link>
          </>
        )}
      </p>
      <h1>
        {run.kind} run <code>{run.id.slice(0, 10)}</code>
      </h1>
      <p className="muted">
        {run.status} · live v{run.baseVersion} · {inputs?.accounts ?? "?"} accounts, {inputs?.paths ?? "?"}{" "}
        Monte Carlo paths, seed {inputs?.seed ?? "?"} · queued {formatDateTime(run.queuedAt)}
        {run.proposal && <> · for “{run.proposal.title}”</>}
      </p>
      {report && !report.intact && (
        <p className="error" role="alert">
          This stored report no longer matches its hash: it was changed after it was computed.
        </p>
      )}
      <section className="panel report" aria-labelledby="run-report-heading">
        <h2 id="run-report-heading">Impact report</h2>
        {(run.status === "queued" || run.status === "running") && (
          <RunProgress runId={run.id} onFinished={() => void refetch()} />
        )}
        {run.status === "failed" && <p className="error">The run failed: {run.error}</p>}
        {view ? (
          <ReportBody view={view} />
        ) : run.status === "succeeded" ? null : (
          <p className="muted">No report yet.</p>
        )}
      </section>
      {view && report && (
        <Reproducibility
          runId={run.id}
          view={view}
          report={{ id: report.id, fileName: `run-${run.id.slice(0, 10)}-report.json` }}
        />
      )}
    </>
  );
}
