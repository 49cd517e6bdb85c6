import type { ServerConfig } from "../../config.ts";
import type { Db } from "../../db/connect.ts";
import { AppError } from "../../errors/app-error.ts";
import type { Role } from "../../generated/prisma/client.ts";
import { hasRole } from "../auth/roles.ts";
import { fetchProposal, fetchSpace, fetchVote, SnapshotUnavailable } from "./hub-client.ts";
import { DEFAULT_VOTING_PERIOD_S, requireSnapshotConfig } from "./submission.ts";
import { VOTE_CHOICES } from "./typed-data.ts";
import { type VoteResult, voteResultOf } from "./vote-result.ts";

/**
 * What the proposal page shows about the Snapshot vote: the live scores and quorum from the hub (or the last
 * synced ones, with the error, when the hub cannot be reached), the viewer's own vote, and what a client needs
 * to sign a vote with snapshot.js.
 */
export async function snapshotStatus(
  deps: { db: Db; config: ServerConfig },
  viewerIdentity: { address: string; role: Role } | null,
  proposalId: string,
) {
  const viewer = viewerIdentity?.address ?? null;
  const config = requireSnapshotConfig(deps.config);
  const proposal = await deps.db.proposal.findUnique({
    where: { id: proposalId },
    include: { snapshotSubmission: true },
  });
  if (!proposal || (proposal.state === "draft" && proposal.author !== viewer))
    throw new AppError("NOT_FOUND", "no such proposal");
  const pending =
    proposal.snapshotSubmission && !proposal.snapshotSubmission.recordedAt
      ? proposal.snapshotSubmission
      : null;

  let vote = (proposal.voteResult as VoteResult | null) ?? null;
  let myVote: { choice: number; label: string; vp: number; created: number } | null = null;
  let hubError: string | null = null;
  if (proposal.snapshotId) {
    try {
      const hub = await fetchProposal(config, proposal.snapshotId);
      if (hub) vote = voteResultOf(hub, new Date());
      else hubError = `Snapshot has no proposal ${proposal.snapshotId}`;
      if (viewer && hub) {
        const mine = await fetchVote(config, proposal.snapshotId, viewer);
        if (mine && typeof mine.choice === "number") {
          myVote = {
            choice: mine.choice,
            label: hub.choices[mine.choice - 1] ?? String(mine.choice),
            vp: mine.vp ?? 0,
            created: mine.created,
          };
        }
      }
    } catch (e) {
      if (!(e instanceof SnapshotUnavailable)) throw e;
      hubError = e.message;
    }
  }
  // Before submission the page says how long the vote will last: the space's own setting, read from the hub.
  let voting: { delaySeconds: number; periodSeconds: number } | null = null;
  if (proposal.state === "backed" && !hubError) {
    try {
      const space = await fetchSpace(config);
      if (space)
        voting = {
          delaySeconds: space.voting?.delay ?? 0,
          periodSeconds: space.voting?.period || DEFAULT_VOTING_PERIOD_S,
        };
    } catch (e) {
      if (!(e instanceof SnapshotUnavailable)) throw e;
      hubError = e.message;
    }
  }
  return {
    proposalId: proposal.id,
    number: proposal.number,
    state: proposal.state,
    snapshotId: proposal.snapshotId,
    snapshotIpfs: proposal.snapshotIpfs,
    submittedAt: proposal.snapshotSubmittedAt,
    space: config.space,
    app: config.app,
    hubUrl: config.hubUrl,
    sequencerUrl: config.sequencerUrl,
    choices: vote?.choices ?? [...VOTE_CHOICES],
    vote,
    myVote,
    /** The viewer may submit it (a backed proposal's author, or a steward). */
    canSubmit:
      proposal.state === "backed" &&
      viewerIdentity !== null &&
      (viewerIdentity.address === proposal.author || hasRole(viewerIdentity.role, "steward")),
    /** Voting is open on Snapshot right now (by the hub's clock as last read). */
    votingOpen: vote?.state === "active",
    pendingSubmission: pending
      ? {
          signer: pending.signer,
          snapshotId: pending.messageHash,
          expiresAt: pending.expiresAt,
          signed: pending.signature !== null,
          lastError: pending.lastError,
        }
      : null,
    hubError,
    /** The space's voting delay and period in seconds, as a submission will use them (backed proposals only). */
    voting,
    /** How often the app records results from Snapshot by itself (0: only when asked). */
    syncEverySeconds: config.syncIntervalMs / 1000,
  };
}
