import { publicProcedure } from "../../trpc.ts";
import { ZListRunsInput } from "./runs.schema.ts";

/** Runs newest first, with progress and errors (inputs and reports are fetched separately). */
export const list = publicProcedure.input(ZListRunsInput).query(({ ctx, input }) =>
  ctx.db.simulationRun.findMany({
    where: { status: input.status, proposalId: input.proposalId },
    orderBy: { queuedAt: "desc" },
    take: 100,
    omit: { inputs: true },
    include: {
      proposal: { select: { number: true, title: true } },
      report: { select: { reportHash: true } },
    },
  }),
);
