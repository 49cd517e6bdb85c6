import { rebaseProposal } from "../../../services/proposals/lifecycle.ts";
import { memberProcedure, rateLimit } from "../../trpc.ts";
import { ZProposalId } from "./proposals.schema.ts";

/** Re-applies a proposal onto a newer live version and re-simulates it. */
export const rebase = memberProcedure
  .use(rateLimit("simulate"))
  .input(ZProposalId)
  .mutation(({ ctx, input }) => rebaseProposal(ctx, ctx.address, input.proposalId));
