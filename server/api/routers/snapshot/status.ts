import { snapshotStatus } from "../../../services/snapshot/vote-status.ts";
import { publicProcedure } from "../../trpc.ts";
import { ZStatusInput } from "./snapshot.schema.ts";

/** The Snapshot vote of a proposal: state, scores, quorum, and the signed-in member's own vote. Public. */
export const status = publicProcedure
  .input(ZStatusInput)
  .query(({ ctx, input }) =>
    snapshotStatus(
      { db: ctx.db, config: ctx.config },
      ctx.address && ctx.role ? { address: ctx.address, role: ctx.role } : null,
      input.proposalId,
    ),
  );
