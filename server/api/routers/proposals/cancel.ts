import { cancelProposal } from "../../../services/proposals/lifecycle.ts";
import { memberProcedure } from "../../trpc.ts";
import { ZCancelInput } from "./proposals.schema.ts";

/** The author or an admin cancels a proposal before its vote ends. */
export const cancel = memberProcedure.input(ZCancelInput).mutation(async ({ ctx, input }) => {
  await cancelProposal(
    ctx.db,
    { address: ctx.address, isAdmin: ctx.role === "admin" },
    input.proposalId,
    input.reason,
  );
  return { ok: true as const };
});
