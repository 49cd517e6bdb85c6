import type { Db } from "../../db/connect.ts";
import { AppError } from "../../errors/app-error.ts";
import type { Role } from "../../generated/prisma/client.ts";
import type { JobQueue } from "../../jobs/job-queue.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { hasRole } from "../auth/roles.ts";

type Actor = { address: string; role: Role };

async function controllable(db: Db, actor: Actor, searchId: string) {
  const search = await db.recommendationSearch.findUnique({ where: { id: searchId } });
  if (!search) throw new AppError("NOT_FOUND", "no such recommendation search");
  if (search.requestedBy !== actor.address && !hasRole(actor.role, "admin")) {
    throw new AppError("FORBIDDEN", "only who started the search or an admin can do this");
  }
  return search;
}

/** Cancels a queued or running search and its pending candidates; the coordinator stops at its next report. */
export async function cancelSearch(db: Db, actor: Actor, searchId: string) {
  const search = await controllable(db, actor, searchId);
  await db.$transaction(async (tx) => {
    const { count } = await tx.recommendationSearch.updateMany({
      where: { id: searchId, status: { in: ["queued", "running"] } },
      data: { status: "cancelled", finishedAt: new Date(), lockedBy: null, stage: "cancelled" },
    });
    if (count !== 1) throw new AppError("CONFLICT", `a ${search.status} search cannot be cancelled`);
    await tx.candidateEvaluation.updateMany({
      where: { searchId, status: "queued" },
      data: { status: "cancelled" },
    });
    await recordAuditEvent(tx, {
      actor: actor.address,
      action: "recommendation.cancelled",
      entity: "recommendation",
      entityId: searchId,
    });
  });
}

/**
 * Queues a failed or cancelled search again. Candidates already evaluated are kept (the search replays to them);
 * failed ones are queued again.
 */
export async function retrySearch(db: Db, jobs: JobQueue, actor: Actor, searchId: string) {
  const search = await controllable(db, actor, searchId);
  await db.$transaction(async (tx) => {
    const { count } = await tx.recommendationSearch.updateMany({
      where: { id: searchId, status: { in: ["failed", "cancelled"] } },
      data: { status: "queued", error: null, finishedAt: null, stage: "queued again", queuedAt: new Date() },
    });
    if (count !== 1) throw new AppError("CONFLICT", `a ${search.status} search cannot be retried`);
    await tx.candidateEvaluation.updateMany({
      where: { searchId, status: { in: ["failed", "cancelled"] } },
      data: { status: "queued", error: null, lockedBy: null },
    });
    await recordAuditEvent(tx, {
      actor: actor.address,
      action: "recommendation.retried",
      entity: "recommendation",
      entityId: searchId,
    });
  });
  await jobs.notifySearch?.(searchId);
}
