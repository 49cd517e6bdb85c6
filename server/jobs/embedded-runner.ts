import type { Db } from "../db/connect.ts";
import { executeRun, workerIdentity } from "../services/runs/execute-run.ts";
import type { ComputeSimulation } from "./compute-in-child-process.ts";
import type { JobQueue } from "./job-queue.ts";

export type EmbeddedRunner = JobQueue & { stop: () => Promise<void>; idle: () => Promise<void> };

/**
 * The embedded database's job runner: it lives in the process that owns the database, takes queued runs
 * oldest first, one at a time (the simulation itself uses worker threads). On start it re-queues runs left
 * "running" by a previous process, so a restart resumes interrupted work.
 */
export async function startEmbeddedRunner(
  db: Db,
  deps: { compute: ComputeSimulation; backingEndorsements: number; pollMs?: number },
): Promise<EmbeddedRunner> {
  const workerId = workerIdentity("embedded");
  await db.simulationRun.updateMany({
    where: { status: "running" },
    data: { status: "queued", lockedBy: null, stage: "interrupted by a restart; queued again" },
  });
  let stopped = false;
  let wake: (() => void) | null = null;
  let idleWaiters: (() => void)[] = [];

  const loop = (async () => {
    while (!stopped) {
      const next = await db.simulationRun.findFirst({
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
      try {
        await executeRun(db, next.id, {
          workerId,
          compute: deps.compute,
          backingEndorsements: deps.backingEndorsements,
        });
      } catch (e) {
        // The database failed under us; the run stays "running" and is re-queued on the next start.
        console.error(`embedded runner: run ${next.id}: ${(e as Error).message}`);
        await new Promise((r) => setTimeout(r, 1_000));
      }
    }
  })();

  return {
    notify: async () => {
      wake?.();
    },
    /** Resolves when no queued run is left (tests and graceful shutdown). */
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
