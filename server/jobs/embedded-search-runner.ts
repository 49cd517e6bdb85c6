import { availableParallelism } from "node:os";
import type { CandidateTask } from "../../simulations/recommend/candidate-task.ts";
import type { Db } from "../db/connect.ts";
import {
  type CandidateRow,
  claimCandidate,
  recordCandidateFailure,
  recordCandidateOutcome,
} from "../services/recommendations/candidate-results.ts";
import type { CandidateDispatch } from "../services/recommendations/database-executor.ts";
import { executeSearch, searchWorkerIdentity } from "../services/recommendations/execute-search.ts";
import { type CandidateBatchRun, candidateProcessSession } from "./candidate-process-session.ts";

export type EmbeddedSearchRunner = {
  notify: () => void;
  stop: () => Promise<void>;
  idle: () => Promise<void>;
};

/**
 * Candidates dispatched on the embedded database: claimed by this process and evaluated in the search's child
 * process on its worker threads; each outcome is written as it arrives (only this process opens the database).
 */
function childProcessDispatch(db: Db, deps: { workerId: string; run: CandidateBatchRun }): CandidateDispatch {
  return async (rows: CandidateRow[]) => {
    const claimed: { row: CandidateRow; task: CandidateTask }[] = [];
    for (const row of rows) {
      const task = await claimCandidate(db, row.id, deps.workerId);
      if (task) claimed.push({ row, task });
    }
    if (claimed.length === 0) return;
    const rowOf = new Map(claimed.map((c) => [`${c.task.stage}:${c.task.key}`, c.row]));
    let writes: Promise<unknown> = Promise.resolve();
    // Not awaited: the search's executor polls the rows, so progress shows while the batch runs.
    void deps
      .run(
        claimed.map((c) => c.task),
        (outcome, report) => {
          const row = rowOf.get(`${outcome.stage}:${outcome.key}`)!;
          rowOf.delete(`${outcome.stage}:${outcome.key}`);
          writes = writes.then(() =>
            recordCandidateOutcome(db, { candidateId: row.id, workerId: deps.workerId, outcome, report }),
          );
        },
      )
      .then(
        () => writes,
        async (e) => {
          await writes.catch(() => {});
          const message = e instanceof Error ? e.message : String(e);
          for (const row of rowOf.values()) await recordCandidateFailure(db, row.id, deps.workerId, message);
        },
      )
      .catch((e) => console.error(`embedded search runner: ${(e as Error).message}`));
  };
}

/**
 * The embedded database's search runner, in the process that owns the database: takes queued searches oldest first,
 * one at a time, and evaluates its candidates in a child process of its own on worker threads. On start, searches and
 * candidates left running by a previous process are queued again (the search replays to where it was).
 */
export async function startEmbeddedSearchRunner(
  db: Db,
  deps: { workers?: number; pollMs?: number } = {},
): Promise<EmbeddedSearchRunner> {
  const workerId = searchWorkerIdentity("embedded");
  await db.recommendationSearch.updateMany({
    where: { status: "running" },
    data: { status: "queued", lockedBy: null, stage: "interrupted by a restart; queued again" },
  });
  await db.candidateEvaluation.updateMany({
    where: { status: "running" },
    data: { status: "queued", lockedBy: null },
  });
  let stopped = false;
  let wake: (() => void) | null = null;
  let idleWaiters: (() => void)[] = [];
  const loop = (async () => {
    while (!stopped) {
      const next = await db.recommendationSearch.findFirst({
        where: { status: "queued" },
        orderBy: { queuedAt: "asc" },
      });
      if (!next) {
        for (const w of idleWaiters) w();
        idleWaiters = [];
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, deps.pollMs ?? 2_000);
        });
        wake = null;
        continue;
      }
      const session = candidateProcessSession(deps.workers ?? Math.min(4, availableParallelism()));
      try {
        await executeSearch(db, next.id, {
          workerId,
          dispatch: childProcessDispatch(db, { workerId, run: session.run }),
        });
      } catch (e) {
        // The database failed under us; the search stays "running" and is queued again on the next start.
        console.error(`embedded search runner: search ${next.id}: ${(e as Error).message}`);
        await new Promise((r) => setTimeout(r, 1_000));
      } finally {
        // Ends the search's child process (and a cancelled search's batch still in it).
        session.close();
      }
    }
  })();
  return {
    notify: () => wake?.(),
    idle: () =>
      new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        wake?.();
      }),
    stop: async () => {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}
