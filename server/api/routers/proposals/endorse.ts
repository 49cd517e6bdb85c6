import { requireMemberForProposal } from "../../../services/chain/proposal-power.ts";
import { endorseProposal } from "../../../services/proposals/review-actions.ts";
import { memberProcedure, rateLimit } from "../../trpc.ts";
import { ZEndorseInput } from "./proposals.schema.ts";

/** Records a member's signed endorsement; the proposal becomes backed when backing holds. */
export const endorse = memberProcedure
  .use(rateLimit("write"))
  .input(ZEndorseInput)
  .mutation(async ({ ctx, input }) => {
    // Token-weighted membership: below the threshold at the proposal's block, nothing is recorded.
    if (ctx.config.chain) {
      await requireMemberForProposal(ctx.db, ctx.config.chain, ctx.address, input.proposalId);
    }
    const { state } = await endorseProposal(ctx.db, ctx.address, input, {
      chainId: ctx.config.chainId,
      backingEndorsements: ctx.config.backingEndorsements,
    });
    return { state };
  });
