import { z } from "zod";
import { publicProcedure } from "../../trpc.ts";
import { ZListInput, ZProposalSummary } from "./proposals.schema.ts";

/** Proposals, newest first; drafts are listed only to their authors. */
export const list = publicProcedure
  .input(ZListInput)
  .output(z.array(ZProposalSummary))
  .query(async ({ ctx, input }) => {
    const rows = await ctx.db.proposal.findMany({
      where: {
        ...(input.state ? { state: input.state } : {}),
        OR: [{ state: { not: "draft" } }, ...(ctx.address ? [{ author: ctx.address }] : [])],
      },
      orderBy: { number: "desc" },
      take: 200,
    });
    return rows.map((p) => ({
      id: p.id,
      number: p.number,
      title: p.title,
      author: p.author,
      state: p.state,
      baseVersion: p.baseVersion,
      model: p.model,
      createdAt: p.createdAt,
      publishedAt: p.publishedAt,
      changes: Array.isArray(p.diff) ? p.diff.length : 0,
    }));
  });
