import { publicProcedure } from "../../trpc.ts";
import { ZListSearchesInput } from "./recommendations.schema.ts";

/** Searches newest first, with progress (specs and reports are fetched one by one). */
export const list = publicProcedure.input(ZListSearchesInput).query(({ ctx, input }) =>
  ctx.db.recommendationSearch.findMany({
    where: { status: input.status },
    orderBy: { queuedAt: "desc" },
    take: 100,
    omit: { report: true, live: true, spec: true },
  }),
);
