import { queueExtraRun } from "../../../services/runs/run-control.ts";
import { memberProcedure, rateLimit } from "../../trpc.ts";
import { ZQueueExtraInput } from "./runs.schema.ts";

/** Queue another run of a proposal (another seed, a larger population), within the server's limits. */
export const queueExtra = memberProcedure
  .use(rateLimit("simulate"))
  .input(ZQueueExtraInput)
  .mutation(async ({ ctx, input }) => {
    const { proposalId, ...overrides } = input;
    const run = await queueExtraRun(ctx, { address: ctx.address, role: ctx.role }, { proposalId, overrides });
    return { runId: run.id, status: run.status, reusedReport: run.reusedReport };
  });
