import { retryRun } from "../../../services/runs/run-control.ts";
import { memberProcedure, rateLimit } from "../../trpc.ts";
import { ZRunId } from "./runs.schema.ts";

export const retry = memberProcedure
  .use(rateLimit("simulate"))
  .input(ZRunId)
  .mutation(async ({ ctx, input }) => {
    await retryRun(ctx.db, ctx.jobs, { address: ctx.address, role: ctx.role }, input.runId, {
      staleAfterMs: ctx.config.runStaleSeconds * 1000,
    });
    return { ok: true as const };
  });
