import { prepareSubmission as prepare } from "../../../services/snapshot/submission.ts";
import { expectedOrigin, memberProcedure, rateLimit } from "../../trpc.ts";
import { ZPrepareSubmissionInput } from "./snapshot.schema.ts";

/**
 * The Snapshot proposal message for a backed proposal, reserved for the caller (its author or a steward) to sign
 * with snapshot.js: space, type, title, body, discussion (the permalink), choices, start/end, snapshot block, app.
 * Calling again returns the same message until it expires, so a retry cannot make a second Snapshot proposal.
 */
export const prepareSubmission = memberProcedure
  .use(rateLimit("write"))
  .input(ZPrepareSubmissionInput)
  .mutation(async ({ ctx, input }) => {
    const origin = expectedOrigin(ctx) ?? "http://localhost";
    return prepare(
      { db: ctx.db, config: ctx.config },
      { address: ctx.address, role: ctx.role },
      { proposalId: input.proposalId, origin },
    );
  });
