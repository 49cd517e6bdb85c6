import PgBoss from "pg-boss";
import type { Db } from "../db/connect.ts";
import { executeRun, workerIdentity } from "../services/runs/execute-run.ts";
import type { ComputeSimulation } from "./compute-in-child-process.ts";
import { type JobQueue, SIMULATION_QUEUE } from "./job-queue.ts";
import { createRecommendationQueues, sendSearchJob } from "./recommendation-jobs.ts";

/**
 * pg-boss on the production PostgreSQL: the app sends a job per queued run; `npm run worker` processes on any
 * number of machines take them. A job that throws (the database went away mid-run) is retried by pg-boss after
 * a delay; the run itself is claimed again because its heartbeat went stale.
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

/** Takes simulation jobs until stopped; each job executes its run with the same code as the embedded runner. */
export async function workSimulationJobs(
  boss: PgBoss,
  db: Db,
  deps: { compute: ComputeSimulation; backingEndorsements: number },
) {
  const workerId = workerIdentity("pg-boss");
  return boss.work<{ runId: string }>(SIMULATION_QUEUE, { pollingIntervalSeconds: 2 }, async ([job]) => {
    if (!job) return;
    await executeRun(db, job.data.runId, { workerId, ...deps });
  });
}
