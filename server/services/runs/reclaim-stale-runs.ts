import type { Db } from "../../db/connect.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { STALE_AFTER_MS } from "./execute-run.ts";

/**
 * Queues again every run left "running" by a worker that stopped beating (killed, its machine gone): the job that
 * worker held stays active in pg-boss until it expires, so no other worker would ever see the run. Each run is
 * taken back with a conditional update on its stale heartbeat, so of several workers sweeping at once one wins,
 * and a worker that beats again in between keeps its run. Returns the runs to send to the queue again.
 */
export async function reclaimStaleRuns(
  db: Db,
  opts: { staleAfterMs?: number; actor: string; now?: Date },
): Promise<string[]> {
  const now = opts.now ?? new Date();
  const staleBefore = new Date(now.getTime() - (opts.staleAfterMs ?? STALE_AFTER_MS));
  const stale = await db.simulationRun.findMany({
    where: { status: "running", heartbeatAt: { lt: staleBefore } },
    select: { id: true, lockedBy: true },
  });
  const reclaimed: string[] = [];
  for (const run of stale) {
    const taken = await db.$transaction(async (tx) => {
      const { count } = await tx.simulationRun.updateMany({
        where: { id: run.id, status: "running", heartbeatAt: { lt: staleBefore } },
        data: {
          status: "queued",
          lockedBy: null,
          stage: "its worker stopped reporting; queued again",
          queuedAt: now,
        },
      });
      if (count === 1)
        await recordAuditEvent(tx, {
          actor: opts.actor,
          action: "run.reclaimed",
          entity: "run",
          entityId: run.id,
          data: { abandonedBy: run.lockedBy },
        });
      return count === 1;
    });
    if (taken) reclaimed.push(run.id);
  }
  return reclaimed;
}
