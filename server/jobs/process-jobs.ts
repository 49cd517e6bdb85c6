import { serverConfigFromEnv } from "../config.ts";
import { getConnection } from "../db/process-connection.ts";
import { env } from "../env.ts";
import { computeInChildProcess } from "./compute-in-child-process.ts";
import { startEmbeddedRunner } from "./embedded-runner.ts";
import { startEmbeddedSearchRunner } from "./embedded-search-runner.ts";
import type { JobQueue } from "./job-queue.ts";
import { pgBossJobQueue, startPgBoss } from "./pg-boss-queue.ts";
import { startSnapshotSyncOnce } from "./snapshot-sync.ts";

const holder = globalThis as unknown as { __marginlabJobs?: Promise<JobQueue> };

/**
 * This process's job queue: with the embedded backend the runner itself (started once, resuming interrupted
 * runs); with pg-boss a sender, the work being done by `npm run worker` processes.
 */
export function getJobQueue(): Promise<JobQueue> {
  if (!holder.__marginlabJobs) {
    const config = serverConfigFromEnv(env());
    const pending: Promise<JobQueue> = (async () => {
      const { db, target } = await getConnection();
      // Snapshot votes are followed by the process that owns the jobs (with the embedded database, the only one).
      startSnapshotSyncOnce(db, config.snapshot);
      if (config.jobBackend === "embedded") {
        const runner = await startEmbeddedRunner(db, {
          compute: computeInChildProcess,
          backingEndorsements: config.backingEndorsements,
        });
        const searches = await startEmbeddedSearchRunner(db);
        return { ...runner, notifySearch: async () => searches.notify() };
      }
      if (target.kind !== "postgresql")
        throw new Error("JOB_BACKEND=pg-boss needs DATABASE_URL=postgresql://...");
      return pgBossJobQueue(await startPgBoss(target.url));
    })();
    holder.__marginlabJobs = pending;
    pending.catch((e) => {
      console.error(`job queue: ${(e as Error).message}`);
      if (holder.__marginlabJobs === pending) holder.__marginlabJobs = undefined;
    });
  }
  return holder.__marginlabJobs;
}
