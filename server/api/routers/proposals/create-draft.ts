import { createDraft as createDraftService } from "../../../services/proposals/drafts.ts";
import { memberProcedure, rateLimit } from "../../trpc.ts";
import { ZDraftInput } from "./proposals.schema.ts";

/** A member drafts a proposal against the live parameter set. */
export const createDraft = memberProcedure
  .use(rateLimit("write"))
  .input(ZDraftInput)
  .mutation(async ({ ctx, input }) => {
    const p = await createDraftService(ctx.db, ctx.address, input);
    return { id: p.id, number: p.number };
  });
