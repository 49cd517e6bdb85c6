import { draftFromRecommendation } from "../../../services/recommendations/draft-from-recommendation.ts";
import { rateLimit, stewardProcedure } from "../../trpc.ts";
import { ZDraftProposalInput } from "./recommendations.schema.ts";

/** "Draft a proposal from this": the recommended diff and a generated rationale, as a draft of the steward's. */
export const draftProposal = stewardProcedure
  .use(rateLimit("write"))
  .input(ZDraftProposalInput)
  .mutation(async ({ ctx, input }) => {
    const p = await draftFromRecommendation(ctx.db, ctx.address, input);
    return { id: p.id, number: p.number };
  });
