import { z } from "zod";
import { publicProcedure } from "../../trpc.ts";

export const ZListCommentsInput = z.object({ proposalId: z.string().min(1).max(64) });

/** Every comment on a proposal, oldest first: its page shows only the newest ones until a reader asks for all. */
export const list = publicProcedure
  .input(ZListCommentsInput)
  .query(({ ctx, input }) =>
    ctx.db.comment.findMany({ where: { proposalId: input.proposalId }, orderBy: { createdAt: "asc" } }),
  );
