import { AppError } from "../../../errors/app-error.ts";
import { publicProcedure } from "../../trpc.ts";
import { ZRunId } from "./runs.schema.ts";

/** One run with its inputs: what the progress bar polls, and what reproduces it. */
export const get = publicProcedure.input(ZRunId).query(async ({ ctx, input }) => {
  const run = await ctx.db.simulationRun.findUnique({
    where: { id: input.runId },
    include: {
      report: { select: { reportHash: true } },
      proposal: { select: { number: true, title: true } },
    },
  });
  if (!run) throw new AppError("NOT_FOUND", "no such run");
  return run;
});
