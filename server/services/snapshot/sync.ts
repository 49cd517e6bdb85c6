// Follows the vote: reads each submitted/active proposal's state, scores and quorum from the hub's GraphQL API,
// stores them, and moves the proposal submitted -> active -> passed/rejected. Safe to run from several processes
// at once: every transition is conditional on the state read, and a lost race is skipped.
import type { Db } from "../../db/connect.ts";
import { AppError } from "../../errors/app-error.ts";
import type { Prisma, ProposalState } from "../../generated/prisma/client.ts";
import { transitionProposal } from "../proposals/transition-proposal.ts";
import { fetchProposal, type HubProposal, SnapshotUnavailable } from "./hub-client.ts";
import type { SnapshotConfig } from "./snapshot-config.ts";
import { recoverUnrecordedSubmissions } from "./submission.ts";
import { describeResult, outcomeOf, voteResultOf } from "./vote-result.ts";

export const SYNC_ACTOR = "snapshot-sync";

export type SyncChange = { proposalId: string; number: number; from: ProposalState; to: ProposalState };
export type SyncReport = { checked: number; changes: SyncChange[]; recovered: string[]; errors: string[] };

export async function syncSnapshotProposals(
  db: Db,
  config: SnapshotConfig,
  opts: { proposalId?: string; actor?: string; now?: () => Date } = {},
): Promise<SyncReport> {
  const actor = opts.actor ?? SYNC_ACTOR;
  const report: SyncReport = { checked: 0, changes: [], recovered: [], errors: [] };
  if (!opts.proposalId) report.recovered = await recoverUnrecordedSubmissions(db, config, actor);

  const proposals = await db.proposal.findMany({
    where: {
      state: { in: ["submitted", "active"] },
      snapshotId: { not: null },
      ...(opts.proposalId ? { id: opts.proposalId } : {}),
    },
    select: { id: true, number: true, state: true, snapshotId: true },
    orderBy: { number: "asc" },
  });
  for (const p of proposals) {
    report.checked++;
    let hub: HubProposal | null;
    try {
      hub = await fetchProposal(config, p.snapshotId!);
    } catch (e) {
      // One unreadable answer must not hold back the other proposals; this one is read again next round.
      if (!(e instanceof SnapshotUnavailable)) throw e;
      report.errors.push(`#${p.number}: ${e.message}`);
      continue;
    }
    if (!hub) {
      report.errors.push(`#${p.number}: Snapshot has no proposal ${p.snapshotId}`);
      continue;
    }
    const result = voteResultOf(hub, opts.now?.() ?? new Date());
    // Scores are final a little after the end on Snapshot; until then the outcome is not decided.
    const closed = hub.state === "closed" && (hub.scores_state === null || hub.scores_state === "final");
    const steps: ProposalState[] = [];
    if (p.state === "submitted" && hub.state !== "pending") steps.push("active");
    if (closed) steps.push(outcomeOf(result));
    try {
      await db.$transaction(async (tx) => {
        await tx.proposal.update({
          where: { id: p.id },
          data: { voteResult: result as unknown as Prisma.InputJsonObject },
        });
        let from = p.state;
        for (const to of steps) {
          const note =
            to === "active"
              ? `Snapshot vote open until ${new Date(hub.end * 1000).toISOString()}`
              : describeResult(result);
          await transitionProposal(tx, { proposalId: p.id, from, to, actor, note });
          report.changes.push({ proposalId: p.id, number: p.number, from, to });
          from = to;
        }
      });
    } catch (e) {
      // Another process moved it first; the next round sees the new state.
      if (!(e instanceof AppError && e.code === "CONFLICT")) throw e;
      report.changes = report.changes.filter((c) => c.proposalId !== p.id);
    }
  }
  return report;
}
