import type { Db } from "../../db/connect.ts";
import type { ProposalState } from "../../generated/prisma/client.ts";
import { reportForDisplay } from "../reports/report-by-id.ts";
import { type ReportHeadline, reportHeadline } from "../reports/report-headline.ts";
import { currentReportOf } from "./current-report.ts";
import { loadProposalBaseStatuses } from "./proposal-base-status.ts";

/**
 * Proposals, newest first, with their report's headline (verdict, cost, risk removed) and whether it is
 * stale (proposalBaseStatus: an open proposal simulated against a live version that is no longer live). Drafts are listed only to their authors.
 */
export async function listProposals(
  db: Db,
  args: { state?: ProposalState | undefined; address: string | null },
) {
  const rows = await db.proposal.findMany({
    where: {
      ...(args.state ? { state: args.state } : {}),
      OR: [{ state: { not: "draft" } }, ...(args.address ? [{ author: args.address }] : [])],
    },
    orderBy: { number: "desc" },
    take: 200,
  });
  // Null only before the first parameter set is seeded.
  const statuses =
    (await db.parameterSetVersion.count()) > 0 ? await loadProposalBaseStatuses(db, rows) : null;
  return Promise.all(
    rows.map(async (p) => {
      const current = p.state === "draft" ? null : await currentReportOf(db, p);
      const report = current ? await reportForDisplay(db, current.reportId) : null;
      const headline: ReportHeadline | null = report ? reportHeadline(report.view) : null;
      const baseStatus = statuses?.get(p.id) ?? null;
      return {
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
        liveVersion: baseStatus?.liveVersion ?? null,
        stale: baseStatus?.kind === "stale",
        baseStatus,
        headline,
      };
    }),
  );
}
