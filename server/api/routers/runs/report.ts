import { AppError } from "../../../errors/app-error.ts";
import { reportForDisplay } from "../../../services/reports/report-by-id.ts";
import { publicProcedure } from "../../trpc.ts";
import { ZRunId } from "./runs.schema.ts";

/**
 * A run with its report's view (any run: the proposal's own, or an extra one with another seed or population); the
 * full body is an explicit export (`reports.body`).
 */
export const report = publicProcedure.input(ZRunId).query(async ({ ctx, input }) => {
  const run = await ctx.db.simulationRun.findUnique({
    where: { id: input.runId },
    include: { proposal: { select: { number: true, title: true } } },
  });
  if (!run) throw new AppError("NOT_FOUND", "no such run");
  return { run, report: run.reportId ? await reportForDisplay(ctx.db, run.reportId) : null };
});
