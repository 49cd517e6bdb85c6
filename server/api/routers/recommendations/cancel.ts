import { cancelSearch } from "../../../services/recommendations/search-control.ts";
import { stewardProcedure } from "../../trpc.ts";
import { ZSearchId } from "./recommendations.schema.ts";

export const cancel = stewardProcedure.input(ZSearchId).mutation(async ({ ctx, input }) => {
  await cancelSearch(ctx.db, { address: ctx.address, role: ctx.role }, input.searchId);
  return { ok: true as const };
});
