import { publishProposal } from "../../../services/proposals/lifecycle.ts";
import { memberProcedure, rateLimit } from "../../trpc.ts";
import { ZProposalId } from "./proposals.schema.ts";

/** Freezes the diff, opens the proposal for review and queues its simulation. */
export const publish = memberProcedure
  .use(rateLimit("simulate"))
  .input(ZProposalId)
  .mutation(({ ctx, input }) => publishProposal(ctx, ctx.address, input.proposalId));
