import type { Db, DbTx } from "../../db/connect.ts";
import { requireLiveParameterSet } from "../parameters/live-parameter-set.ts";
import { loadVerifiedReport, reportForDisplay } from "../reports/report-by-id.ts";
import { currentReportOf } from "./current-report.ts";
import { isBasedOnLive } from "./proposal-base-status.ts";
import { transitionProposal } from "./transition-proposal.ts";

export type BackingStatus = {
  endorsements: number;
  needed: number;
  stewardApproved: boolean;
  reportOnLiveVersion: boolean;
  /** The stored report still matches the hash endorsements signed. */
  reportIntact: boolean;
  reportHash: string | null;
  backed: boolean;
  /** What it was judged against, read in the same transaction (so a page shows the report the status is about). */
  liveVersion: number;
  currentRunId: string | null;
  reportId: string | null;
};

/**
 * A proposal is backed when it has at least `needed` endorsements of its current diff and report, the latest
 * steward review of that report approves it, and the report was computed on the current live version.
 */
export async function backingStatus(
  tx: Db | DbTx,
  proposal: { id: string; baseVersion: number; diffHash: string },
  needed: number,
  /** Re-hash the stored report now rather than trust this process's verified copy (on every state change). */
  opts: { fresh?: boolean } = {},
): Promise<BackingStatus> {
  const live = await requireLiveParameterSet(tx);
  const report = await currentReportOf(tx, proposal);
  const reportHash = report?.reportHash ?? null;
  const endorsements = reportHash
    ? await tx.endorsement.count({
        where: { proposalId: proposal.id, diffHash: proposal.diffHash, reportHash },
      })
    : 0;
  const latestReview = reportHash
    ? await tx.stewardReview.findFirst({
        where: { proposalId: proposal.id, reportHash },
        orderBy: { createdAt: "desc" },
      })
    : null;
  const stewardApproved = latestReview?.verdict === "approve";
  const reportOnLiveVersion = report !== null && isBasedOnLive(proposal, live);
  const load = opts.fresh ? loadVerifiedReport : reportForDisplay;
  const reportIntact = report !== null && ((await load(tx, report.reportId))?.intact ?? false);
  return {
    endorsements,
    needed,
    stewardApproved,
    reportOnLiveVersion,
    reportIntact,
    reportHash,
    backed: endorsements >= needed && stewardApproved && reportOnLiveVersion && reportIntact,
    liveVersion: live.version,
    currentRunId: report?.runId ?? null,
    reportId: report?.reportId ?? null,
  };
}

/** Moves a published proposal to backed when backing holds, and a backed one back when it no longer does. */
export async function reevaluateBacking(tx: DbTx, proposalId: string, needed: number, actor: string) {
  const proposal = await tx.proposal.findUniqueOrThrow({ where: { id: proposalId } });
  if (proposal.state !== "published" && proposal.state !== "backed") return proposal.state;
  const status = await backingStatus(tx, proposal, needed, { fresh: true });
  if (proposal.state === "published" && status.backed) {
    await transitionProposal(tx, {
      proposalId,
      from: "published",
      to: "backed",
      actor,
      note: describe(status),
    });
    return "backed";
  }
  if (proposal.state === "backed" && !status.backed) {
    await transitionProposal(tx, {
      proposalId,
      from: "backed",
      to: "published",
      actor,
      note: describe(status),
    });
    return "published";
  }
  return proposal.state;
}

function describe(s: BackingStatus): string {
  return `${s.endorsements}/${s.needed} endorsements, steward ${s.stewardApproved ? "approved" : "has not approved"}, report ${
    s.reportOnLiveVersion ? "on the live version" : "not on the live version"
  }${s.reportIntact ? "" : ", stored report does not match its hash"}`;
}
