import { endorsementRequest as endorsementRequestService } from "../../../services/proposals/review-actions.ts";
import { publicProcedure } from "../../trpc.ts";
import { ZProposalId } from "./proposals.schema.ts";

/** The EIP-712 typed data a member signs to endorse the proposal's current diff and report. */
export const endorsementRequest = publicProcedure
  .input(ZProposalId)
  .query(({ ctx, input }) => endorsementRequestService(ctx.db, input.proposalId, ctx.config.chainId));
