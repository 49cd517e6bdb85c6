"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { errorInfo } from "../../lib/errors.ts";
import { formatDuration } from "../../lib/format.ts";
import { useTRPC } from "../../trpc/client.ts";
import { RunStatusBadge } from "../../ui/state-badge.tsx";
import { useMe } from "../../wallet/session.ts";

const ACTIVE = new Set(["queued", "running"]);

/**
 * A run's progress, polled while it is queued or running. When it finishes, the proposal (and its report) is
 * refetched, so the page turns into the impact report without a reload.
 */
export function RunProgress({ runId, onFinished }: { runId: string; onFinished?: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useMe();
  const { data: run, error } = useQuery({
    ...trpc.runs.get.queryOptions({ runId }),
    refetchInterval: (q) => (q.state.data && !ACTIVE.has(q.state.data.status) ? false : 1000),
  });
  const wasActive = useRef(false);
  useEffect(() => {
    if (!run) return;
    if (ACTIVE.has(run.status)) wasActive.current = true;
    else if (wasActive.current) {
      wasActive.current = false;
      void queryClient.invalidateQueries({ queryKey: trpc.proposals.pathKey() });
      void queryClient.invalidateQueries({ queryKey: trpc.runs.pathKey() });
      onFinished?.();
    }
  }, [run, queryClient, trpc, onFinished]);
  const retry = useMutation(trpc.runs.retry.mutationOptions());
  const cancel = useMutation(trpc.runs.cancel.mutationOptions());
  if (error) return <p className="error">Run status unavailable: {errorInfo(error).message}</p>;
  if (!run) return <p className="muted">Loading the run…</p>;
  const pct = Math.round(run.progress * 100);
  const started = run.startedAt ? new Date(run.startedAt).getTime() : null;
  const elapsed = started
    ? (run.finishedAt ? new Date(run.finishedAt).getTime() : Date.now()) - started
    : null;
  const mutationError = retry.error ?? cancel.error;
  return (
    <div className="run-progress">
      <div className="run-progress-head">
        <RunStatusBadge status={run.status} />
        <span>
          {run.status === "queued"
            ? "Waiting for a worker…"
            : run.status === "running"
              ? `${run.stage || "computing"}: ${pct}%`
              : run.status === "succeeded"
                ? "Finished"
                : run.status === "failed"
                  ? "The simulation failed"
                  : "Cancelled"}
        </span>
        {elapsed !== null && <span className="muted">{formatDuration(elapsed)}</span>}
      </div>
      {ACTIVE.has(run.status) && (
        <progress
          className="progress"
          max={100}
          value={run.status === "queued" ? undefined : pct}
          aria-label="Simulation progress"
          aria-valuetext={run.status === "queued" ? "queued" : `${pct}%, ${run.stage}`}
        />
      )}
      {run.error && <pre className="run-error">{run.error}</pre>}
      {me.signedIn && (
        <div className="inline-form">
          {run.status === "failed" || run.status === "cancelled" ? (
            <button
              type="button"
              className="button secondary small"
              disabled={retry.isPending}
              onClick={() =>
                retry.mutate(
                  { runId },
                  { onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.runs.pathKey() }) },
                )
              }
            >
              Retry
            </button>
          ) : null}
          {ACTIVE.has(run.status) ? (
            <button
              type="button"
              className="button secondary small"
              disabled={cancel.isPending}
              onClick={() =>
                cancel.mutate(
                  { runId },
                  { onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.runs.pathKey() }) },
                )
              }
            >
              Cancel run
            </button>
          ) : null}
        </div>
      )}
      {mutationError && (
        <p role="alert" className="error">
          {errorInfo(mutationError).message}
        </p>
      )}
    </div>
  );
}
