import { proposalBackingPower } from "../../../services/chain/proposal-power.ts";
import { formatVotes } from "../../../services/chain/voting-power.ts";
import { publicProcedure } from "../../trpc.ts";
import { ZProposalPowerInput } from "./chain.schema.ts";

/** Endorsements of a proposal weighed by the endorsers' votes at its power block. */
export const proposalPower = publicProcedure.input(ZProposalPowerInput).query(async ({ ctx, input }) => {
  const chain = ctx.config.chain;
  if (!chain) return { enabled: false as const };
  const p = await proposalBackingPower(ctx.db, chain, input.proposalId);
  return {
    enabled: true as const,
    block: Number(p.block),
    total: formatVotes(p.total),
    endorsers: p.endorsers.map((e) => ({ address: e.address, votes: formatVotes(e.votes) })),
  };
});
