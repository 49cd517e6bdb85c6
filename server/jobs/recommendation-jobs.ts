import type PgBoss from "pg-boss";
import type { Db } from "../db/connect.ts";
import { CANDIDATE_STALE_AFTER_MS } from "../services/recommendations/candidate-results.ts";
import {
  type EvaluateCandidate,
  evaluateWith,
  executeCandidate,
} from "../services/recommendations/execute-candidate.ts";
import { executeSearch, searchWorkerIdentity } from "../services/recommendations/execute-search.ts";
import { candidateProcessSession } from "./candidate-process-session.ts";
import type { ComputeSimulation } from "./compute-in-child-process.ts";

/** One job per search (its coordinator) and one per candidate evaluation. */
export const SEARCH_QUEUE = "recommendation-search";
export const CANDIDATE_QUEUE = "recommendation-candidate";

export async function createRecommendationQueues(boss: PgBoss): Promise<void> {
  await boss.createQueue(SEARCH_QUEUE, {
    name: SEARCH_QUEUE,
    retryLimit: 5,
    retryDelay: 15,
    retryBackoff: true,
    expireInSeconds: 12 * 3600,
  });
  await boss.createQueue(CANDIDATE_QUEUE, {
    name: CANDIDATE_QUEUE,
    retryLimit: 5,
    retryDelay: 5,
    retryBackoff: true,
    expireInSeconds: 3 * 3600,
  });
}

export async function sendSearchJob(boss: PgBoss, searchId: string): Promise<void> {
  await boss.send(SEARCH_QUEUE, { searchId }, { singletonKey: searchId });
}

/**
 * Takes recommendation jobs until stopped: search jobs coordinate (each candidate becomes a candidate job; one whose
 * worker stops reporting is sent again), candidate jobs compute in a child process. Any number of `npm run worker`
 * processes share the candidates, so a search runs on as many machines as reach the database. Every worker also
 * watches for a search whose coordinator stopped reporting (its worker died) and takes it over: the search replays
 * to where it was, its finished candidates are not computed again.
 */
export async function workRecommendationJobs(
  boss: PgBoss,
  db: Db,
  deps: {
    /** How candidates are computed; default: one child process kept for this worker's candidates. */
    compute?: ComputeSimulation;
    candidateStaleAfterMs?: number;
    pollMs?: number;
  },
): Promise<{ stop: () => void }> {
  const workerId = searchWorkerIdentity("pg-boss");
  const staleAfterMs = deps.candidateStaleAfterMs ?? CANDIDATE_STALE_AFTER_MS;
  // A coordinator reports at least every 2 s while it waits: give it a few beats.
  const searchStaleAfterMs = Math.max(staleAfterMs, 6_000);
  const coordinate = (searchId: string) =>
    executeSearch(db, searchId, {
      workerId,
      staleAfterMs: searchStaleAfterMs,
      candidateStaleAfterMs: staleAfterMs,
      ...(deps.pollMs !== undefined ? { pollMs: deps.pollMs } : {}),
      dispatch: async (rows) => {
        for (const r of rows) await boss.send(CANDIDATE_QUEUE, { candidateId: r.id });
      },
    });
  await boss.work<{ searchId: string }>(SEARCH_QUEUE, { pollingIntervalSeconds: 2 }, async ([job]) => {
    if (job) await coordinate(job.data.searchId);
  });
  // One child process for this worker's candidates, kept between them: a screening candidate takes seconds, which
  // starting a process and loading the engine for each would double.
  const session = deps.compute ? null : candidateProcessSession(1);
  const evaluate: EvaluateCandidate = deps.compute
    ? evaluateWith(deps.compute)
    : async (task, signal) => {
        let result: Awaited<ReturnType<EvaluateCandidate>> | null = null;
        const onAbort = () => session!.close();
        signal.addEventListener("abort", onAbort, { once: true });
        try {
          await session!.run([task], (outcome, report) => {
            result = { outcome, report };
          });
        } finally {
          signal.removeEventListener("abort", onAbort);
        }
        if (!result) throw new Error(`candidate ${task.key}: no outcome from the candidate process`);
        return result;
      };
  await boss.work<{ candidateId: string }>(CANDIDATE_QUEUE, { pollingIntervalSeconds: 1 }, async ([job]) => {
    if (!job) return;
    await executeCandidate(db, job.data.candidateId, { workerId, evaluate, staleAfterMs });
  });
  const rescue = setInterval(() => {
    db.recommendationSearch
      .findMany({
        where: { status: "running", heartbeatAt: { lt: new Date(Date.now() - searchStaleAfterMs) } },
        select: { id: true },
      })
      .then((stale) => {
        // The claim is conditional: of the workers that see a stale search, one coordinates it.
        for (const s of stale)
          void coordinate(s.id).catch((e) => console.error(`search ${s.id}: ${(e as Error).message}`));
      })
      .catch(() => {});
  }, searchStaleAfterMs / 2);
  rescue.unref();
  return {
    stop: () => {
      clearInterval(rescue);
      session?.close();
    },
  };
}
