"use client";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useId, useState } from "react";
import { errorInfo } from "../lib/errors.ts";
import { formatDateTime, formatDuration, shortAddress } from "../lib/format.ts";
import { useTRPC } from "../trpc/client.ts";
import { RunStatusBadge } from "../ui/state-badge.tsx";
import { useMe } from "../wallet/session.ts";
import { QueueExtraRun } from "./queue-extra-run.tsx";

const ACTIVE = new Set(["queued", "running"]);
const STATUSES = ["queued", "running", "succeeded", "failed", "cancelled"] as const;

type Run = {
  id: string;
  kind: string;
  status: string;
  progress: number;
  stage: string;
  error: string | null;
  requestedBy: string;
  baseVersion: number;
  queuedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  attempts: number;
  reusedReport: boolean;
  engineVersion: string;
  inputsHash: string;
  proposal: { number: number; title: string } | null;
  report: { reportHash: string } | null;
};

function RunActions({ run }: { run: Run }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useMe();
  const retry = useMutation(trpc.runs.retry.mutationOptions());
  const cancel = useMutation(trpc.runs.cancel.mutationOptions());
  if (!me.signedIn) return null;
  const done = () => queryClient.invalidateQueries({ queryKey: trpc.runs.pathKey() });
  const error = retry.error ?? cancel.error;
  return (
    <div className="inline-form">
      {(run.status === "failed" || run.status === "cancelled") && (
        <button
          type="button"
          className="button secondary small"
          disabled={retry.isPending}
          onClick={() => retry.mutate({ runId: run.id }, { onSuccess: done })}
        >
          Retry<span className="visually-hidden"> run {run.id}</span>
        </button>
      )}
      {ACTIVE.has(run.status) && (
        <button
          type="button"
          className="button secondary small"
          disabled={cancel.isPending}
          onClick={() => cancel.mutate({ runId: run.id }, { onSuccess: done })}
        >
          Cancel<span className="visually-hidden"> run {run.id}</span>
        </button>
      )}
      {error && (
        <span role="alert" className="error">
          {errorInfo(error).message}
        </span>
      )}
    </div>
  );
}

export function RunsView() {
  const trpc = useTRPC();
  const id = useId();
  const [status, setStatus] = useState<(typeof STATUSES)[number] | "">("");
  const { data: runs } = useSuspenseQuery({
    ...trpc.runs.list.queryOptions({}),
    refetchInterval: (q) => (q.state.data?.some((r) => ACTIVE.has(r.status)) ? 1500 : 15_000),
  });
  const shown = status ? runs.filter((r) => r.status === status) : runs;
  return (
    <section className="panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`} className="visually-hidden">
        Runs
      </h2>
      <p className="muted">
        Every impact report comes from a run: queued when a proposal is published (or by a member for another
        seed or population, below), computed by a worker, and reused when identical inputs were already
        computed.
      </p>
      <QueueExtraRun />
      <div className="inline-form">
        <label htmlFor={`${id}-status`}>Status</label>
        <select
          id={`${id}-status`}
          className="input"
          value={status}
          onChange={(e) => setStatus(e.target.value as typeof status)}
        >
          <option value="">All ({runs.length})</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {s} ({runs.filter((r) => r.status === s).length})
            </option>
          ))}
        </select>
      </div>
      {shown.length === 0 ? (
        <p className="muted">No runs.</p>
      ) : (
        <ul className="run-list">
          {(shown as Run[]).map((r) => {
            const elapsed =
              r.startedAt && r.finishedAt
                ? new Date(r.finishedAt).getTime() - new Date(r.startedAt).getTime()
                : null;
            const pct = Math.round(r.progress * 100);
            return (
              <li key={r.id} className="run-card">
                <div className="run-card-head">
                  <RunStatusBadge status={r.status} />
                  {r.proposal ? (
                    <Link href={`/proposals/${r.proposal.number}#report`}>
                      #{r.proposal.number} {r.proposal.title}
                    </Link>
                  ) : (
                    <span className="muted">no proposal</span>
                  )}
                </div>
                <div className="meta">
                  {r.kind} run{" "}
                  <Link href={`/runs/${r.id}`} title={`Run ${r.id}`}>
                    <code>{r.id.slice(0, 10)}</code>
                  </Link>{" "}
                  on v{r.baseVersion} · by{" "}
                  <code>{r.requestedBy.startsWith("0x") ? shortAddress(r.requestedBy) : r.requestedBy}</code>{" "}
                  · queued {formatDateTime(r.queuedAt)}
                  {elapsed !== null && <> · took {formatDuration(elapsed)}</>}
                  {r.attempts > 1 && <> · {r.attempts} attempts</>}
                  {r.reusedReport && <> · reused an identical report</>}
                  {r.report && (
                    <>
                      {" "}
                      · report <code>{r.report.reportHash.slice(0, 12)}</code>
                    </>
                  )}
                </div>
                {ACTIVE.has(r.status) && (
                  <div className="run-progress-row">
                    <progress
                      className="progress"
                      max={100}
                      value={r.status === "queued" ? undefined : pct}
                      aria-label={`Progress of run ${r.id.slice(0, 10)}`}
                    />
                    <span className="muted">
                      {r.status === "queued" ? "queued" : `${r.stage || "computing"} ${pct}%`}
                    </span>
                  </div>
                )}
                {r.error && <pre className="run-error">{r.error}</pre>}
                <RunActions run={r} />
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
