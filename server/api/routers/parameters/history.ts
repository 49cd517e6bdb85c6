import { publicProcedure } from "../../trpc.ts";

/** Every enacted version, newest first, with who enacted it and from which proposal (its permalink number). */
export const history = publicProcedure.query(async ({ ctx }) => {
  const versions = await ctx.db.parameterSetVersion.findMany({
    orderBy: { version: "desc" },
    omit: { params: true },
  });
  const ids = versions.flatMap((v) => (v.proposalId ? [v.proposalId] : []));
  const proposals = ids.length
    ? await ctx.db.proposal.findMany({ where: { id: { in: ids } }, select: { id: true, number: true } })
    : [];
  const numberOf = new Map(proposals.map((p) => [p.id, p.number]));
  return versions.map((v) => ({
    ...v,
    proposalNumber: v.proposalId ? (numberOf.get(v.proposalId) ?? null) : null,
  }));
});
