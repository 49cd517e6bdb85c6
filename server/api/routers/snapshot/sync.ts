import { requireSnapshotConfig } from "../../../services/snapshot/submission.ts";
import { syncSnapshotProposals } from "../../../services/snapshot/sync.ts";
import { memberProcedure, rateLimit } from "../../trpc.ts";
import { ZSyncInput } from "./snapshot.schema.ts";

/**
 * Reads the vote from the hub now (one proposal, or all submitted/active ones) instead of waiting for the
 * periodic sync. It only ever applies what the hub says, so any member may ask for it.
 */
export const sync = memberProcedure
  .use(rateLimit("write"))
  .input(ZSyncInput)
  .mutation(({ ctx, input }) =>
    syncSnapshotProposals(ctx.db, requireSnapshotConfig(ctx.config), { proposalId: input.proposalId }),
  );
