import { cancelRun } from "../../../services/runs/run-control.ts";
import { memberProcedure } from "../../trpc.ts";
import { ZRunId } from "./runs.schema.ts";

export const cancel = memberProcedure.input(ZRunId).mutation(async ({ ctx, input }) => {
  await cancelRun(ctx.db, { address: ctx.address, role: ctx.role }, input.runId);
  return { ok: true as const };
});
