import { enactProposal } from "../../../services/proposals/lifecycle.ts";
import { stewardProcedure } from "../../trpc.ts";
import { ZProposalId } from "./proposals.schema.ts";

/** A steward or admin makes a passed proposal the new live parameter set. */
export const enact = stewardProcedure.input(ZProposalId).mutation(async ({ ctx, input }) => {
  const version = await enactProposal(ctx.db, ctx.address, input.proposalId, {
    backingEndorsements: ctx.config.backingEndorsements,
  });
  return { version: version.version };
});
