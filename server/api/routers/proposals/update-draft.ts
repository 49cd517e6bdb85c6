import { updateDraft as updateDraftService } from "../../../services/proposals/drafts.ts";
import { memberProcedure, rateLimit } from "../../trpc.ts";
import { ZUpdateDraftInput } from "./proposals.schema.ts";

/** The author edits a draft (rebasing it onto the live set if that changed). */
export const updateDraft = memberProcedure
  .use(rateLimit("write"))
  .input(ZUpdateDraftInput)
  .mutation(async ({ ctx, input }) => {
    const { proposalId, ...draft } = input;
    const p = await updateDraftService(ctx.db, ctx.address, proposalId, draft);
    return { id: p.id, number: p.number };
  });
