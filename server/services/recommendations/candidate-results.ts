import type { CandidateOutcome, CandidateTask } from "../../../simulations/recommend/candidate-task.ts";
import type { Db } from "../../db/connect.ts";
import type { Prisma } from "../../generated/prisma/client.ts";

/** A worker that has not reported on a candidate for this long is considered gone; another may take it over. */
export const CANDIDATE_STALE_AFTER_MS = 60_000;

export type CandidateRow = { id: string; taskId: string; key: string; stage: string; inputs: unknown };

/**
 * Claims a candidate evaluation: queued, or running under a worker whose heartbeat is older than `staleAfterMs`
 * (it died mid-candidate). Returns the task to compute, or null when another worker holds it or it is done.
 */
export async function claimCandidate(
  db: Db,
  candidateId: string,
  workerId: string,
  staleAfterMs = CANDIDATE_STALE_AFTER_MS,
): Promise<CandidateTask | null> {
  const now = new Date();
  const { count } = await db.candidateEvaluation.updateMany({
    where: {
      id: candidateId,
      OR: [
        { status: "queued" },
        { status: "running", heartbeatAt: { lt: new Date(now.getTime() - staleAfterMs) } },
      ],
    },
    data: {
      status: "running",
      lockedBy: workerId,
      heartbeatAt: now,
      attempts: { increment: 1 },
      error: null,
    },
  });
  if (count !== 1) return null;
  const row = await db.candidateEvaluation.findUniqueOrThrow({ where: { id: candidateId } });
  return {
    key: row.key,
    stage: row.stage as CandidateTask["stage"],
    inputs: row.inputs as CandidateTask["inputs"],
  };
}

/** Keeps a claimed candidate's heartbeat fresh; false when the candidate is no longer this worker's. */
export async function candidateHeartbeat(db: Db, candidateId: string, workerId: string): Promise<boolean> {
  const { count } = await db.candidateEvaluation.updateMany({
    where: { id: candidateId, status: "running", lockedBy: workerId },
    data: { heartbeatAt: new Date() },
  });
  return count === 1;
}

/**
 * Records a claimed candidate's outcome, with the stress report of a full evaluation stored as a reusable report
 * (one per inputs and engine version), in one transaction. Only the worker holding the claim writes: a worker that
 * was taken over finds its claim gone and its result is dropped, so a candidate is counted once.
 */
export async function recordCandidateOutcome(
  db: Db,
  args: {
    candidateId: string;
    workerId: string;
    outcome: CandidateOutcome;
    report: ({ reportHash: string; inputsHash: string; engineVersion: string } & object) | null;
  },
): Promise<boolean> {
  return db
    .$transaction(async (tx) => {
      let reportId: string | null = null;
      if (args.report) {
        const { inputsHash, engineVersion, reportHash } = args.report;
        const stored =
          (await tx.report.findUnique({
            where: { inputsHash_engineVersion: { inputsHash, engineVersion } },
          })) ??
          (await tx.report.create({
            data: {
              inputsHash,
              engineVersion,
              reportHash,
              body: args.report as unknown as Prisma.InputJsonObject,
            },
          }));
        reportId = stored.id;
      }
      const { count } = await tx.candidateEvaluation.updateMany({
        where: { id: args.candidateId, status: "running", lockedBy: args.workerId },
        data: {
          status: "succeeded",
          outcome: args.outcome as unknown as Prisma.InputJsonObject,
          reportId,
          lockedBy: null,
          finishedAt: new Date(),
        },
      });
      if (count !== 1) throw new CandidateTakenOver();
      return true;
    })
    .catch((e) => {
      if (e instanceof CandidateTakenOver) return false;
      throw e;
    });
}

class CandidateTakenOver extends Error {}

/** Records a claimed candidate's failure (its search then fails, and can be retried). */
export async function recordCandidateFailure(db: Db, candidateId: string, workerId: string, message: string) {
  await db.candidateEvaluation.updateMany({
    where: { id: candidateId, status: "running", lockedBy: workerId },
    data: { status: "failed", error: message, lockedBy: null, finishedAt: new Date() },
  });
}
