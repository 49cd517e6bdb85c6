import { reportForDisplay } from "../../../services/reports/report-by-id.ts";
import { findRunId } from "../../../services/runs/find-run-id.ts";
import { publicProcedure } from "../../trpc.ts";
import { ZRunId } from "./runs.schema.ts";

/**
 * A run with its report's view (any run: the proposal's own, or an extra one with another seed or population); the
 * full body is an explicit export (`reports.body`). The run may be named by the short id the UI shows.
 */
export const report = publicProcedure.input(ZRunId).query(async ({ ctx, input }) => {
  const id = await findRunId(ctx.db, input.runId);
  const run = await ctx.db.simulationRun.findUniqueOrThrow({
    where: { id },
    include: { proposal: { select: { number: true, title: true } } },
  });
  return { run, report: run.reportId ? await reportForDisplay(ctx.db, run.reportId) : null };
});
