import type { Db, DbTx } from "../../db/connect.ts";

/**
 * The report a proposal is judged on: the newest succeeded run queued for it (kind "proposal") against its base
 * version. Null while the first run computes.
 */
export async function currentReportOf(db: Db | DbTx, proposal: { id: string; baseVersion: number }) {
  const run = await db.simulationRun.findFirst({
    where: {
      proposalId: proposal.id,
      kind: "proposal",
      status: "succeeded",
      baseVersion: proposal.baseVersion,
    },
    orderBy: { finishedAt: "desc" },
    include: { report: { select: { id: true, reportHash: true } } },
  });
  return run?.report ? { runId: run.id, reportId: run.report.id, reportHash: run.report.reportHash } : null;
}
