import type { Db, DbTx } from "../../db/connect.ts";
import type { ProposalState } from "../../generated/prisma/client.ts";
import { requireLiveParameterSet } from "../parameters/live-parameter-set.ts";

/**
 * The one definition of where a proposal stands against the live parameter set. Every page, the backing rule and
 * the lifecycle read it, so a proposal is never "live" in one place and "stale" in another:
 * - `enacted`: the proposal became parameter version `version`; `isLive` when that version is still the live one.
 *   An enacted proposal is history, never stale: its base was the live set when it was enacted.
 * - `current`: an open proposal (draft to passed) diffed and simulated against the live version.
 * - `stale`: an open proposal whose base version is no longer live; its diff and report describe a set that is
 *   gone, so it must be rebased (review states) or cannot be enacted as voted (after the vote).
 * - `closed`: rejected or cancelled; its base no longer matters.
 */
export type ProposalBaseStatus =
  | { kind: "enacted"; version: number; isLive: boolean; liveVersion: number }
  | { kind: "current"; liveVersion: number }
  | { kind: "stale"; baseVersion: number; liveVersion: number }
  | { kind: "closed"; liveVersion: number };

/** Whether a proposal's diff and report are against the live version (the rule publish, backing and enact use). */
export function isBasedOnLive(proposal: { baseVersion: number }, live: { version: number }): boolean {
  return proposal.baseVersion === live.version;
}

export function proposalBaseStatus(
  proposal: { state: ProposalState; baseVersion: number },
  live: { version: number },
  /** The parameter version this proposal was enacted as, if any. */
  enactedVersion: number | null,
): ProposalBaseStatus {
  const liveVersion = live.version;
  if (proposal.state === "enacted") {
    // A proposal marked enacted always has its version row (one transaction); fall back to the next after its base.
    const version = enactedVersion ?? proposal.baseVersion + 1;
    return { kind: "enacted", version, isLive: version === liveVersion, liveVersion };
  }
  if (proposal.state === "rejected" || proposal.state === "cancelled") return { kind: "closed", liveVersion };
  return isBasedOnLive(proposal, live)
    ? { kind: "current", liveVersion }
    : { kind: "stale", baseVersion: proposal.baseVersion, liveVersion };
}

/** The base status of proposals read together with the live version (one query for the enacted versions). */
export async function loadProposalBaseStatuses(
  db: Db | DbTx,
  proposals: readonly { id: string; state: ProposalState; baseVersion: number }[],
): Promise<Map<string, ProposalBaseStatus>> {
  const live = await requireLiveParameterSet(db);
  const enactedIds = proposals.filter((p) => p.state === "enacted").map((p) => p.id);
  const versions = enactedIds.length
    ? await db.parameterSetVersion.findMany({
        where: { proposalId: { in: enactedIds } },
        select: { proposalId: true, version: true },
      })
    : [];
  const versionOf = new Map(versions.map((v) => [v.proposalId, v.version]));
  return new Map(
    proposals.map((p) => [p.id, proposalBaseStatus(p, live, versionOf.get(p.id) ?? null)] as const),
  );
}

export async function loadProposalBaseStatus(
  db: Db | DbTx,
  proposal: { id: string; state: ProposalState; baseVersion: number },
): Promise<ProposalBaseStatus> {
  const statuses = await loadProposalBaseStatuses(db, [proposal]);
  return statuses.get(proposal.id) as ProposalBaseStatus;
}
