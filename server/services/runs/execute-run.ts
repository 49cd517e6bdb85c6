import { hostname } from "node:os";
import type { SimulationInputs } from "../../../simulations/simulation/run-simulation.ts";
import type { Db } from "../../db/connect.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { type ComputeSimulation, SimulationAborted } from "../../jobs/compute-in-child-process.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { reevaluateBacking } from "../proposals/backing.ts";

/**
 * A running run whose worker has not reported for this long is considered abandoned and may be taken over
 * (RUN_STALE_SECONDS sets it for a deployment). Its worker beats at least four times within it.
 */
export const STALE_AFTER_MS = 60_000;
const PROGRESS_EVERY_MS = 500;
const heartbeatEveryMs = (staleAfterMs: number) => Math.max(1_000, Math.floor(staleAfterMs / 4));

export const workerIdentity = (kind: string) => `${kind}:${hostname()}:${process.pid}`;

export type ExecuteOutcome = "succeeded" | "failed" | "cancelled" | "not-claimed";

/**
 * Executes one run: claims it (queued, or running but abandoned), computes with progress written to the run,
 * and stores the report with the run's success in one transaction. A failure in the simulation is recorded on
 * the run (it can be retried); a failure of the database itself is thrown, so a job system can retry the job.
 */
export async function executeRun(
  db: Db,
  runId: string,
  deps: { workerId: string; compute: ComputeSimulation; backingEndorsements: number; staleAfterMs?: number },
): Promise<ExecuteOutcome> {
  const now = new Date();
  const staleAfterMs = deps.staleAfterMs ?? STALE_AFTER_MS;
  const claimed = await db.simulationRun.updateMany({
    where: {
      id: runId,
      OR: [
        { status: "queued" },
        { status: "running", heartbeatAt: { lt: new Date(now.getTime() - staleAfterMs) } },
      ],
    },
    data: {
      status: "running",
      attempts: { increment: 1 },
      startedAt: now,
      heartbeatAt: now,
      lockedBy: deps.workerId,
      error: null,
      progress: 0,
      stage: "starting",
    },
  });
  if (claimed.count !== 1) return "not-claimed";
  const run = await db.simulationRun.findUniqueOrThrow({ where: { id: runId } });

  const controller = new AbortController();
  let lastWrite = 0;
  let writing: Promise<unknown> = Promise.resolve();
  const onProgress = (p: { fraction: number; stage: string }) => {
    const t = Date.now();
    if (t - lastWrite < PROGRESS_EVERY_MS) return;
    lastWrite = t;
    writing = writing.then(async () => {
      try {
        const { count } = await db.simulationRun.updateMany({
          where: { id: runId, status: "running", lockedBy: deps.workerId },
          data: {
            progress: Math.min(Math.max(p.fraction, 0), 0.999),
            stage: p.stage,
            heartbeatAt: new Date(),
          },
        });
        // Cancelled (or taken over) meanwhile: stop computing.
        if (count === 0) controller.abort();
      } catch (e) {
        // The database is briefly away (a restart): the computation goes on; the next report or the final write
        // will reach it, and if the final write cannot, the job is retried.
        console.error(`run ${runId}: progress not recorded: ${(e as Error).message.split("\n")[0]}`);
      }
    });
  };

  // The heartbeat says the worker lives, also through a long stage that reports no progress.
  const heartbeat = setInterval(() => {
    writing = writing.then(() =>
      db.simulationRun
        .updateMany({
          where: { id: runId, status: "running", lockedBy: deps.workerId },
          data: { heartbeatAt: new Date() },
        })
        .then(({ count }) => {
          if (count === 0) controller.abort();
        })
        .catch(() => {}),
    );
  }, heartbeatEveryMs(staleAfterMs));

  let report: { reportHash: string } & Record<string, unknown>;
  try {
    report = (await deps.compute(run.inputs as unknown as SimulationInputs, {
      onProgress,
      signal: controller.signal,
    })) as unknown as typeof report;
    clearInterval(heartbeat);
    await writing;
  } catch (e) {
    clearInterval(heartbeat);
    await writing.catch(() => {});
    if (e instanceof SimulationAborted || controller.signal.aborted) return "cancelled";
    const message = e instanceof Error ? e.message : String(e);
    await db.$transaction(async (tx) => {
      await tx.simulationRun.updateMany({
        where: { id: runId, lockedBy: deps.workerId },
        data: { status: "failed", error: message, finishedAt: new Date(), lockedBy: null },
      });
      await recordAuditEvent(tx, {
        actor: deps.workerId,
        action: "run.failed",
        entity: "run",
        entityId: runId,
        data: { message },
      });
    });
    return "failed";
  }

  return db.$transaction(async (tx) => {
    const stored =
      (await tx.report.findUnique({
        where: { inputsHash_engineVersion: { inputsHash: run.inputsHash, engineVersion: run.engineVersion } },
      })) ??
      (await tx.report.create({
        data: {
          inputsHash: run.inputsHash,
          engineVersion: run.engineVersion,
          reportHash: report.reportHash,
          body: report as unknown as Prisma.InputJsonObject,
        },
      }));
    const { count } = await tx.simulationRun.updateMany({
      where: { id: runId, status: "running", lockedBy: deps.workerId },
      data: {
        status: "succeeded",
        progress: 1,
        stage: "done",
        finishedAt: new Date(),
        reportId: stored.id,
        lockedBy: null,
      },
    });
    if (count !== 1) return "cancelled" as const;
    await recordAuditEvent(tx, {
      actor: deps.workerId,
      action: "run.succeeded",
      entity: "run",
      entityId: runId,
      data: { reportHash: stored.reportHash },
    });
    if (run.proposalId) await reevaluateBacking(tx, run.proposalId, deps.backingEndorsements, "system");
    return "succeeded" as const;
  });
}
