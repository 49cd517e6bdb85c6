import { z } from "zod";
import { AppError } from "../../../errors/app-error.ts";
import { backingStatus } from "../../../services/proposals/backing.ts";
import { loadProposalBaseStatus } from "../../../services/proposals/proposal-base-status.ts";
import { reportForDisplay } from "../../../services/reports/report-by-id.ts";
import { publicProcedure } from "../../trpc.ts";

export const ZGetInput = z.object({ number: z.number().int().positive() });

// A busy discussion would otherwise grow every read of the proposal without bound (the load benchmark adds 10-15
// comments a second: after a minute the page was five times its size and a third as fast). The page shows the
// newest ones; `comments.list` has them all.
const RECENT_COMMENTS = 100;

/**
 * One proposal by its permalink number with everything its page shows: diff, transitions, runs, the current
 * report's view, endorsements, reviews, the newest comments and backing status. A draft is visible to its author
 * only. The report's full body is an explicit export (`reports.body`).
 */
export const get = publicProcedure.input(ZGetInput).query(async ({ ctx, input }) => {
  const proposal = await ctx.db.proposal.findUnique({
    where: { number: input.number },
    include: {
      transitions: { orderBy: { at: "asc" } },
      runs: { orderBy: { queuedAt: "desc" }, omit: { inputs: true } },
      endorsements: { orderBy: { createdAt: "asc" } },
      reviews: { orderBy: { createdAt: "asc" } },
      comments: { orderBy: { createdAt: "desc" }, take: RECENT_COMMENTS },
      _count: { select: { comments: true } },
    },
  });
  // A draft someone else wrote does not exist as far as this caller can tell.
  if (!proposal || (proposal.state === "draft" && proposal.author !== ctx.address)) {
    throw new AppError("NOT_FOUND", `no proposal #${input.number}`);
  }
  // One transaction, so the backing status, the live version and the report shown are read together.
  const [backing, baseStatus] = await ctx.db.$transaction(async (tx) => [
    await backingStatus(tx, proposal, ctx.config.backingEndorsements),
    await loadProposalBaseStatus(tx, proposal),
  ]);
  const report = backing.reportId ? await reportForDisplay(ctx.db, backing.reportId) : null;
  const { _count, comments, ...rest } = proposal;
  return {
    ...rest,
    /** The newest comments, oldest first; `commentCount` counts them all. */
    comments: comments.reverse(),
    commentCount: _count.comments,
    liveVersion: backing.liveVersion,
    /** Where the proposal stands against the live set (the one definition every page reads). */
    baseStatus,
    stale: baseStatus.kind === "stale",
    backing,
    report: report
      ? {
          id: report.id,
          reportHash: report.reportHash,
          engineVersion: report.engineVersion,
          view: report.view,
        }
      : null,
    currentRunId: backing.currentRunId,
  };
});
