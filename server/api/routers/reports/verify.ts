import { z } from "zod";
import { AppError } from "../../../errors/app-error.ts";
import { loadVerifiedReport } from "../../../services/reports/report-by-id.ts";
import { publicProcedure } from "../../trpc.ts";
import { ZReportId } from "./reports.schema.ts";

/**
 * Recomputes a stored report's hash from its body, now (not from the cache): anyone can check that the report
 * a proposal shows is the one its endorsements signed. (`marginlab verify` goes further: it re-runs the inputs.)
 */
export const verify = publicProcedure
  .input(ZReportId)
  .output(z.object({ reportId: z.string(), reportHash: z.string(), intact: z.boolean() }))
  .query(async ({ ctx, input }) => {
    const report = await loadVerifiedReport(ctx.db, input.reportId);
    if (!report) throw new AppError("NOT_FOUND", "no such report");
    return { reportId: report.id, reportHash: report.reportHash, intact: report.intact };
  });
