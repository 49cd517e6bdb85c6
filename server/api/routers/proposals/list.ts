import { z } from "zod";
import { loadProposalBaseStatuses } from "../../../services/proposals/proposal-base-status.ts";
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
    // Null only before the first parameter set is seeded.
    const statuses =
      (await ctx.db.parameterSetVersion.count()) > 0 ? await loadProposalBaseStatuses(ctx.db, rows) : null;
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
      baseStatus: statuses?.get(p.id) ?? null,
    }));
  });
