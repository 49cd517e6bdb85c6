import { AppError } from "../../../errors/app-error.ts";
import { publicProcedure } from "../../trpc.ts";
import { ZSearchId } from "./recommendations.schema.ts";

/**
 * One search with its progress (candidates done / planned, stage, best so far), its spec and, once done, its
 * headline and recommendation; what a progress view polls. The whole report is `recommendations.report`.
 */
export const get = publicProcedure.input(ZSearchId).query(async ({ ctx, input }) => {
  const search = await ctx.db.recommendationSearch.findUnique({
    where: { id: input.searchId },
    omit: { report: true },
  });
  if (!search) throw new AppError("NOT_FOUND", "no such recommendation search");
  const candidates = await ctx.db.candidateEvaluation.groupBy({
    by: ["status"],
    where: { searchId: input.searchId },
    _count: { _all: true },
  });
  let summary: { headline: string; recommendation: unknown } | null = null;
  if (search.status === "succeeded") {
    const rows = await ctx.db.$queryRaw<{ headline: string; recommendation: unknown }[]>`
      SELECT report->>'headline' AS headline, report->'recommendation' AS recommendation
      FROM "RecommendationSearch" WHERE id = ${input.searchId}`;
    summary = rows[0] ?? null;
  }
  return {
    ...search,
    candidates: Object.fromEntries(candidates.map((c) => [c.status, c._count._all])),
    headline: summary?.headline ?? null,
    recommendation: summary?.recommendation ?? null,
  };
});
