import { AppError } from "../../../errors/app-error.ts";
import { publicProcedure } from "../../trpc.ts";
import { ZSearchId } from "./recommendations.schema.ts";

/** The recommendation report (every candidate, frontier, diff, sensitivity, hash), once the search succeeded. */
export const report = publicProcedure.input(ZSearchId).query(async ({ ctx, input }) => {
  const search = await ctx.db.recommendationSearch.findUnique({
    where: { id: input.searchId },
    select: { status: true, report: true },
  });
  if (!search) throw new AppError("NOT_FOUND", "no such recommendation search");
  if (!search.report)
    throw new AppError("CONFLICT", `the search is ${search.status}; its report is not ready`);
  return search.report;
});
