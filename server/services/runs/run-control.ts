import type { ServerConfig } from "../../config.ts";
import type { Db } from "../../db/connect.ts";
import { AppError } from "../../errors/app-error.ts";
import type { Role } from "../../generated/prisma/client.ts";
import type { JobQueue } from "../../jobs/job-queue.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { hasRole } from "../auth/roles.ts";
import { requireLiveParameterSet } from "../parameters/live-parameter-set.ts";
import { queueRun } from "./queue-run.ts";
import { buildRunInputs, type RunOverrides } from "./run-inputs.ts";

type Actor = { address: string; role: Role };

function mayControl(actor: Actor, run: { requestedBy: string }) {
  if (run.requestedBy !== actor.address && !hasRole(actor.role, "steward")) {
    throw new AppError("FORBIDDEN", "only who queued the run, a steward or an admin can do this");
  }
}

/** Any member may queue another run of a published proposal: another seed, a larger population. */
export async function queueExtraRun(
  deps: { db: Db; config: ServerConfig; jobs: JobQueue },
  actor: Actor,
  input: { proposalId: string; overrides: RunOverrides },
) {
  const proposal = await deps.db.proposal.findUnique({ where: { id: input.proposalId } });
  if (!proposal) throw new AppError("NOT_FOUND", "no such proposal");
  if (proposal.state === "draft") throw new AppError("CONFLICT", "publish the draft first");
  const live = await requireLiveParameterSet(deps.db);
  const inputs = buildRunInputs({
    live: { model: live.model, params: live.params },
    proposed: { model: proposal.model, params: proposal.proposedParams },
    config: deps.config,
    overrides: input.overrides,
  });
  const run = await deps.db.$transaction((tx) =>
    queueRun(tx, {
      proposalId: proposal.id,
      kind: "extra",
      requestedBy: actor.address,
      baseVersion: live.version,
      inputs,
    }),
  );
  if (run.status === "queued") await deps.jobs.notify(run.id);
  return run;
}

/** Cancels a queued or running run; a running one stops at its next progress report. */
export async function cancelRun(db: Db, actor: Actor, runId: string) {
  const run = await db.simulationRun.findUnique({ where: { id: runId } });
  if (!run) throw new AppError("NOT_FOUND", "no such run");
  mayControl(actor, run);
  const { count } = await db.simulationRun.updateMany({
    where: { id: runId, status: { in: ["queued", "running"] } },
    data: { status: "cancelled", finishedAt: new Date(), lockedBy: null, stage: "cancelled" },
  });
  if (count !== 1) throw new AppError("CONFLICT", `a ${run.status} run cannot be cancelled`);
  await recordAuditEvent(db, {
    actor: actor.address,
    action: "run.cancelled",
    entity: "run",
    entityId: runId,
  });
}

/**
 * Queues a failed or cancelled run again, with the same inputs; its error stays in the audit log. A running run
 * whose worker stopped beating (staleAfterMs) may be retried too: its worker is gone.
 */
export async function retryRun(
  db: Db,
  jobs: JobQueue,
  actor: Actor,
  runId: string,
  opts: { staleAfterMs: number },
) {
  const run = await db.simulationRun.findUnique({ where: { id: runId } });
  if (!run) throw new AppError("NOT_FOUND", "no such run");
  mayControl(actor, run);
  const { count } = await db.simulationRun.updateMany({
    where: {
      id: runId,
      OR: [
        { status: { in: ["failed", "cancelled"] } },
        { status: "running", heartbeatAt: { lt: new Date(Date.now() - opts.staleAfterMs) } },
      ],
    },
    data: {
      lockedBy: null,
      status: "queued",
      progress: 0,
      stage: "queued again",
      error: null,
      finishedAt: null,
      queuedAt: new Date(),
    },
  });
  if (count !== 1)
    throw new AppError(
      "CONFLICT",
      run.status === "running"
        ? "this run's worker is still reporting: cancel it first, or wait until it stops reporting"
        : `a ${run.status} run cannot be retried`,
    );
  await recordAuditEvent(db, { actor: actor.address, action: "run.retried", entity: "run", entityId: runId });
  await jobs.notify(runId);
}
