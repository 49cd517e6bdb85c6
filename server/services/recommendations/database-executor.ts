import type { CandidateExecutor } from "../../../simulations/recommend/candidate-executor.ts";
import { type CandidateOutcome, candidateTaskId } from "../../../simulations/recommend/candidate-task.ts";
import type { Db } from "../../db/connect.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import type { CandidateRow } from "./candidate-results.ts";

/** The search was cancelled or taken over while it waited for its candidates. */
export class SearchStopped extends Error {
  constructor() {
    super("the search was stopped");
  }
}

/** Starts the evaluation of candidate rows somewhere (pg-boss jobs, or this process's child). */
export type CandidateDispatch = (rows: CandidateRow[]) => Promise<void>;

/**
 * The search's executor on the database: each candidate of a batch is a CandidateEvaluation row keyed by its task's
 * hash. Rows already done (a coordinator restarted, a search retried) are not computed again; the others are
 * dispatched, and the batch resolves when every row has its outcome, in the batch's order. With `staleAfterMs`,
 * rows whose worker stopped reporting are dispatched again (another worker takes them over).
 */
export function databaseExecutor(args: {
  db: Db;
  searchId: string;
  dispatch: CandidateDispatch;
  pollMs?: number;
  staleAfterMs?: number;
  /** Called on every poll (the coordinator's heartbeat and cancellation check). */
  onPoll?: () => Promise<void>;
}): CandidateExecutor {
  const { db, searchId } = args;
  const pollMs = args.pollMs ?? 500;
  return {
    async run(tasks, opts = {}) {
      const ids = tasks.map(candidateTaskId);
      const first = await db.candidateEvaluation.count({ where: { searchId } });
      await db.candidateEvaluation.createMany({
        data: tasks.map((t, k) => ({
          searchId,
          taskId: ids[k]!,
          key: t.key,
          stage: t.stage,
          position: first + k,
          inputs: t.inputs as unknown as Prisma.InputJsonObject,
        })),
        skipDuplicates: true,
      });
      const seen = new Set<string>();
      const dispatched = new Map<string, number>();
      for (;;) {
        if (opts.signal?.aborted) throw new SearchStopped();
        const rows = await db.candidateEvaluation.findMany({
          where: { searchId, taskId: { in: ids } },
          select: {
            id: true,
            taskId: true,
            key: true,
            stage: true,
            inputs: true,
            status: true,
            error: true,
            heartbeatAt: true,
            outcome: true,
          },
        });
        const byTask = new Map(rows.map((r) => [r.taskId, r]));
        const now = Date.now();
        const toDispatch: CandidateRow[] = [];
        for (const r of rows) {
          if (r.status === "succeeded" && !seen.has(r.taskId)) {
            seen.add(r.taskId);
            opts.onDone?.(r.outcome as unknown as CandidateOutcome, null);
          }
          if (r.status === "failed")
            throw new Error(`candidate ${r.key} (${r.stage}) failed: ${r.error ?? "unknown error"}`);
          const stale =
            args.staleAfterMs !== undefined &&
            r.status === "running" &&
            (r.heartbeatAt?.getTime() ?? 0) < now - args.staleAfterMs &&
            (dispatched.get(r.id) ?? 0) < now - args.staleAfterMs;
          if ((r.status === "queued" && !dispatched.has(r.id)) || stale) {
            dispatched.set(r.id, now);
            toDispatch.push(r);
          }
        }
        if (toDispatch.length > 0) await args.dispatch(toDispatch);
        if (seen.size === ids.length) {
          return ids.map((id) => byTask.get(id)!.outcome as unknown as CandidateOutcome);
        }
        await args.onPoll?.();
        await new Promise((r) => setTimeout(r, pollMs));
      }
    },
    async close() {},
  };
}
