import type { Db } from "../../db/connect.ts";
import type { ProposalState } from "../../generated/prisma/client.ts";
import { getLiveParameterSet } from "../parameters/live-parameter-set.ts";
import { reportForDisplay } from "../reports/report-by-id.ts";
import { type ReportHeadline, reportHeadline } from "../reports/report-headline.ts";
import { currentReportOf } from "./current-report.ts";

/** States whose report still matters to a decision (an enacted, rejected or cancelled proposal is history). */
const OPEN_STATES = new Set<ProposalState>(["draft", "published", "backed", "submitted", "active", "passed"]);

/**
 * Proposals, newest first, with their report's headline (verdict, cost, risk removed) and whether it is
 * stale: simulated against a live version that is no longer live. Drafts are listed only to their authors.
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
  const live = await getLiveParameterSet(db);
  return Promise.all(
    rows.map(async (p) => {
      const current = p.state === "draft" ? null : await currentReportOf(db, p);
      const report = current ? await reportForDisplay(db, current.reportId) : null;
      const headline: ReportHeadline | null = report ? reportHeadline(report.view) : null;
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
        liveVersion: live?.version ?? null,
        stale: live !== null && OPEN_STATES.has(p.state) && p.baseVersion !== live.version,
        headline,
      };
    }),
  );
}
