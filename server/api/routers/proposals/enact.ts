import { enactOnChain } from "../../../services/chain/enact-on-chain.ts";
import { enactProposal } from "../../../services/proposals/lifecycle.ts";
import { stewardProcedure } from "../../trpc.ts";
import { ZProposalId } from "./proposals.schema.ts";

/** A steward or admin makes a passed proposal the new live parameter set. */
export const enact = stewardProcedure.input(ZProposalId).mutation(async ({ ctx, input }) => {
  // With on-chain governance the registry decides: the set is live only once the chain holds it.
  const opts = { backingEndorsements: ctx.config.backingEndorsements };
  const version = ctx.config.chain
    ? await enactOnChain(ctx.db, ctx.config.chain, ctx.address, input.proposalId, opts)
    : await enactProposal(ctx.db, ctx.address, input.proposalId, opts);
  return { version: version.version };
});
