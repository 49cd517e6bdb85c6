/** Token-weighted membership and backing of one proposal: votes of each endorser at the proposal's power block. */
import type { ChainConfig } from "../../chain/chain-config.ts";
import type { Db } from "../../db/connect.ts";
import { AppError } from "../../errors/app-error.ts";
import { proposalPowerBlock, requireMemberPower, votingPowerOf } from "./voting-power.ts";

async function publishedProposal(db: Db, proposalId: string) {
  const proposal = await db.proposal.findUnique({
    where: { id: proposalId },
    select: { id: true, publishedAt: true, diffHash: true },
  });
  if (!proposal) throw new AppError("NOT_FOUND", "no such proposal");
  return proposal;
}

/** Refuses an address below the member threshold at the proposal's power block (before anything is written). */
export async function requireMemberForProposal(
  db: Db,
  config: ChainConfig,
  address: string,
  proposalId: string,
) {
  const proposal = await publishedProposal(db, proposalId);
  const block = await proposalPowerBlock(config, proposal.publishedAt);
  return requireMemberPower(config, address, block ?? undefined);
}

export type BackingPower = {
  block: bigint;
  endorsers: { address: string; votes: bigint }[];
  /** Sum of the endorsers' votes at the block. */
  total: bigint;
};

/** The endorsements of the proposal's current diff, weighed by votes at its power block. */
export async function proposalBackingPower(
  db: Db,
  config: ChainConfig,
  proposalId: string,
): Promise<BackingPower> {
  const proposal = await publishedProposal(db, proposalId);
  const block = await proposalPowerBlock(config, proposal.publishedAt);
  if (block === null)
    throw new AppError("CONFLICT", "the proposal is not published yet: it has no power block");
  const endorsements = await db.endorsement.findMany({
    where: { proposalId, diffHash: proposal.diffHash },
    select: { address: true },
    orderBy: { address: "asc" },
  });
  const endorsers = await Promise.all(
    endorsements.map(async ({ address }) => ({
      address,
      votes: (await votingPowerOf(config, address, block)).votes,
    })),
  );
  return { block, endorsers, total: endorsers.reduce((sum, e) => sum + e.votes, 0n) };
}
