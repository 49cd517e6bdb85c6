import PgBoss from "pg-boss";
import type { Db } from "../db/connect.ts";
import { oneLine } from "../errors/one-line.ts";
import { executeRun, STALE_AFTER_MS, workerIdentity } from "../services/runs/execute-run.ts";
import { reclaimStaleRuns } from "../services/runs/reclaim-stale-runs.ts";
import type { ComputeSimulation } from "./compute-in-child-process.ts";
import { type JobQueue, SIMULATION_QUEUE } from "./job-queue.ts";
import { createRecommendationQueues, sendSearchJob } from "./recommendation-jobs.ts";

/**
 * pg-boss on the production PostgreSQL: the app sends a job per queued run; `npm run worker` processes on any
 * number of machines take them. A job that throws (the database went away mid-run) is retried by pg-boss after
 * a delay; the run itself is claimed again because its heartbeat went stale. A worker killed outright throws
 * nothing: its job stays active until it expires (hours, to fit the longest runs), so every worker also sweeps
 * for runs whose heartbeat went stale and sends them again (reclaimStaleRuns).
 */
export async function startPgBoss(connectionString: string): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString, schedule: false });
  boss.on("error", (e) => console.error(`pg-boss: ${e.message}`));
  await boss.start();
  await boss.createQueue(SIMULATION_QUEUE, {
    name: SIMULATION_QUEUE,
    retryLimit: 5,
    retryDelay: 15,
    retryBackoff: true,
    expireInSeconds: 3 * 3600,
  });
  await createRecommendationQueues(boss);
  return boss;
}

export function pgBossJobQueue(boss: PgBoss): JobQueue {
  return {
    notify: async (runId) => {
      await boss.send(SIMULATION_QUEUE, { runId }, { singletonKey: runId });
    },
    notifySearch: (searchId) => sendSearchJob(boss, searchId),
  };
}

/**
 * Takes simulation jobs until stopped; each job executes its run with the same code as the embedded runner. Also
 * sweeps for abandoned runs (stale heartbeat) every quarter of the stale threshold and queues them again.
 */
export async function workSimulationJobs(
  boss: PgBoss,
  db: Db,
  deps: { compute: ComputeSimulation; backingEndorsements: number; staleAfterMs?: number },
): Promise<{ stop: () => void }> {
  const workerId = workerIdentity("pg-boss");
  const staleAfterMs = deps.staleAfterMs ?? STALE_AFTER_MS;
  await boss.work<{ runId: string }>(SIMULATION_QUEUE, { pollingIntervalSeconds: 2 }, async ([job]) => {
    if (!job) return;
    await executeRun(db, job.data.runId, { workerId, ...deps, staleAfterMs });
  });
  const sweep = setInterval(
    () => {
      reclaimStaleRuns(db, { staleAfterMs, actor: workerId })
        .then((ids) =>
          Promise.all(ids.map((runId) => boss.send(SIMULATION_QUEUE, { runId }, { singletonKey: runId }))),
        )
        .catch((e) => console.error(`worker ${workerId}: sweep for abandoned runs failed: ${oneLine(e)}`));
    },
    Math.max(1_000, Math.floor(staleAfterMs / 4)),
  );
  return { stop: () => clearInterval(sweep) };
}
