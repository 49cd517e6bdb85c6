import { retrySearch } from "../../../services/recommendations/search-control.ts";
import { stewardProcedure } from "../../trpc.ts";
import { ZSearchId } from "./recommendations.schema.ts";

/** Queues a failed or cancelled search again; candidates already evaluated are not computed again. */
export const retry = stewardProcedure.input(ZSearchId).mutation(async ({ ctx, input }) => {
  await retrySearch(ctx.db, ctx.jobs, { address: ctx.address, role: ctx.role }, input.searchId);
  return { ok: true as const };
});
