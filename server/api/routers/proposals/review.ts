import { reviewProposal } from "../../../services/proposals/review-actions.ts";
import { stewardProcedure } from "../../trpc.ts";
import { ZReviewInput } from "./proposals.schema.ts";

/** A steward approves the current report or raises concerns. */
export const review = stewardProcedure.input(ZReviewInput).mutation(async ({ ctx, input }) => {
  const { state } = await reviewProposal(ctx.db, ctx.address, input, {
    backingEndorsements: ctx.config.backingEndorsements,
  });
  return { state };
});
