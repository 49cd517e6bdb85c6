import { z } from "zod";
import { addComment } from "../../../services/comments/add-comment.ts";
import { memberProcedure, rateLimit } from "../../trpc.ts";

export const ZAddCommentInput = z.object({
  proposalId: z.string().min(1).max(64),
  body: z.string().trim().min(1, "write something").max(10_000, "at most 10,000 characters"),
  parentId: z.string().max(64).optional(),
});

/** A member comments on a proposal (Markdown; sanitized when shown). */
export const add = memberProcedure
  .use(rateLimit("write"))
  .input(ZAddCommentInput)
  .mutation(async ({ ctx, input }) => {
    const comment = await addComment(ctx.db, ctx.address, input);
    return { id: comment.id };
  });
