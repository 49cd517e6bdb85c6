import { z } from "zod";
import { listProposals } from "../../../services/proposals/list-proposals.ts";
import { publicProcedure } from "../../trpc.ts";
import { ZListInput, ZProposalSummary } from "./proposals.schema.ts";

/** Proposals, newest first, with their report's headline and staleness; drafts are listed only to their authors. */
export const list = publicProcedure
  .input(ZListInput)
  .output(z.array(ZProposalSummary))
  .query(({ ctx, input }) => listProposals(ctx.db, { state: input.state, address: ctx.address }));
