import { startSearch } from "../../../services/recommendations/start-search.ts";
import { rateLimit, stewardProcedure } from "../../trpc.ts";
import { ZStartSearchInput } from "./recommendations.schema.ts";

/** A steward asks for the most capital-efficient set within a budget; the search runs as jobs. */
export const start = stewardProcedure
  .use(rateLimit("simulate"))
  .input(ZStartSearchInput)
  .mutation(async ({ ctx, input }) => {
    const search = await startSearch(ctx, { address: ctx.address }, input);
    return { searchId: search.id, status: search.status };
  });
