import { endorseProposal } from "../../../services/proposals/review-actions.ts";
import { memberProcedure, rateLimit } from "../../trpc.ts";
import { ZEndorseInput } from "./proposals.schema.ts";

/** Records a member's signed endorsement; the proposal becomes backed when backing holds. */
export const endorse = memberProcedure
  .use(rateLimit("write"))
  .input(ZEndorseInput)
  .mutation(async ({ ctx, input }) => {
    const { state } = await endorseProposal(ctx.db, ctx.address, input, {
      chainId: ctx.config.chainId,
      backingEndorsements: ctx.config.backingEndorsements,
    });
    return { state };
  });
