import { AppError } from "../../../errors/app-error.ts";
import { publicProcedure } from "../../trpc.ts";
import { ZReportId } from "./reports.schema.ts";

/**
 * A report exactly as stored, for the explicit exports (the JSON download that `marginlab verify` checks). Pages
 * get only the report's view (proposals.get, runs.report): the body is a few hundred kilobytes.
 */
export const body = publicProcedure.input(ZReportId).query(async ({ ctx, input }) => {
  const report = await ctx.db.report.findUnique({
    where: { id: input.reportId },
    select: { id: true, reportHash: true, body: true },
  });
  if (!report) throw new AppError("NOT_FOUND", "no such report");
  return report;
});
