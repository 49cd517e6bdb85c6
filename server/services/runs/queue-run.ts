import { ENGINE_VERSION } from "../../../simulations/report/engine-version.ts";
import {
  type SimulationInputs,
  simulationInputsHash,
} from "../../../simulations/simulation/simulation-inputs.ts";
import type { DbTx } from "../../db/connect.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";

export type RunKind = "proposal" | "extra" | "frontier";

/**
 * Queues a simulation run inside the caller's transaction. Identical inputs on the same engine version reuse the
 * finished report instead of recomputing: the run is recorded as succeeded at once, pointing at that report.
 * The caller notifies the job queue after the transaction commits.
 */
export async function queueRun(
  tx: DbTx,
  args: {
    proposalId: string | null;
    kind: RunKind;
    requestedBy: string;
    baseVersion: number;
    inputs: SimulationInputs;
  },
) {
  const inputsHash = simulationInputsHash(args.inputs);
  const existing = await tx.report.findUnique({
    where: { inputsHash_engineVersion: { inputsHash, engineVersion: ENGINE_VERSION } },
    select: { id: true },
  });
  const now = new Date();
  const run = await tx.simulationRun.create({
    data: {
      proposalId: args.proposalId,
      kind: args.kind,
      requestedBy: args.requestedBy,
      baseVersion: args.baseVersion,
      inputs: args.inputs as unknown as Prisma.InputJsonObject,
      inputsHash,
      engineVersion: ENGINE_VERSION,
      ...(existing
        ? {
            status: "succeeded",
            progress: 1,
            stage: "reused the report of identical inputs",
            reportId: existing.id,
            reusedReport: true,
            startedAt: now,
            finishedAt: now,
          }
        : {}),
    },
  });
  await recordAuditEvent(tx, {
    actor: args.requestedBy,
    action: existing ? "run.reused" : "run.queued",
    entity: "run",
    entityId: run.id,
    data: { proposalId: args.proposalId, kind: args.kind, inputsHash },
  });
  return run;
}
