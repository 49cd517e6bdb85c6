import { hostname } from "node:os";
import { runSearch } from "../../../simulations/recommend/run-search.ts";
import { prepareSearch } from "../../../simulations/recommend/search-spec.ts";
import type { Db } from "../../db/connect.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { type CandidateDispatch, databaseExecutor, SearchStopped } from "./database-executor.ts";

/** A coordinator that has not reported for this long is considered gone; another may take the search over. */
export const SEARCH_STALE_AFTER_MS = 60_000;
const PROGRESS_EVERY_MS = 500;

export const searchWorkerIdentity = (kind: string) => `${kind}:${hostname()}:${process.pid}`;

export type SearchOutcome = "succeeded" | "failed" | "cancelled" | "not-claimed";

/**
 * Coordinates one search: claims it (queued, or running under a coordinator gone stale), runs the engine's search
 * with its candidate evaluations as database rows dispatched by `dispatch`, writes progress (candidates done /
 * planned, best so far) and stores the recommendation report with the search's success. The search is
 * deterministic, so a coordinator that takes over replays it and finds the candidates already evaluated.
 */
export async function executeSearch(
  db: Db,
  searchId: string,
  deps: {
    workerId: string;
    dispatch: CandidateDispatch;
    /** pg-boss: dispatch a candidate again when its worker stopped reporting for this long. */
    candidateStaleAfterMs?: number;
    staleAfterMs?: number;
    pollMs?: number;
  },
): Promise<SearchOutcome> {
  const now = new Date();
  const claimed = await db.recommendationSearch.updateMany({
    where: {
      id: searchId,
      OR: [
        { status: "queued" },
        {
          status: "running",
          heartbeatAt: { lt: new Date(now.getTime() - (deps.staleAfterMs ?? SEARCH_STALE_AFTER_MS)) },
        },
      ],
    },
    data: {
      status: "running",
      attempts: { increment: 1 },
      startedAt: now,
      heartbeatAt: now,
      lockedBy: deps.workerId,
      error: null,
      stage: "starting",
    },
  });
  if (claimed.count !== 1) return "not-claimed";
  const search = await db.recommendationSearch.findUniqueOrThrow({ where: { id: searchId } });
  const controller = new AbortController();
  const mine = { where: { id: searchId, status: "running" as const, lockedBy: deps.workerId } };
  const write = async (data: Prisma.RecommendationSearchUpdateManyMutationInput) => {
    const { count } = await db.recommendationSearch.updateMany({
      ...mine,
      data: { ...data, heartbeatAt: new Date() },
    });
    // Cancelled (or taken over) meanwhile: stop coordinating.
    if (count === 0) controller.abort();
  };
  let lastWrite = 0;
  let writing: Promise<unknown> = Promise.resolve();
  const executor = databaseExecutor({
    db,
    searchId,
    dispatch: deps.dispatch,
    ...(deps.pollMs !== undefined ? { pollMs: deps.pollMs } : {}),
    ...(deps.candidateStaleAfterMs !== undefined ? { staleAfterMs: deps.candidateStaleAfterMs } : {}),
    onPoll: async () => {
      if (Date.now() - lastWrite < 2_000) return;
      lastWrite = Date.now();
      await write({});
    },
  });
  try {
    const prepared = prepareSearch({ live: search.live, spec: search.spec });
    const report = await runSearch({
      prepared,
      executor,
      signal: controller.signal,
      onProgress: (p) => {
        const t = Date.now();
        if (t - lastWrite < PROGRESS_EVERY_MS && p.stage !== "done") return;
        lastWrite = t;
        writing = writing.then(() =>
          write({
            done: p.done,
            total: p.total,
            stage: p.stage,
            best: (p.best ?? undefined) as Prisma.InputJsonObject | undefined,
          }).catch((e) =>
            console.error(`search ${searchId}: progress not recorded: ${(e as Error).message}`),
          ),
        );
      },
    });
    await writing;
    return await db.$transaction(async (tx) => {
      const { count } = await tx.recommendationSearch.updateMany({
        ...mine,
        data: {
          status: "succeeded",
          stage: "done",
          report: report as unknown as Prisma.InputJsonObject,
          reportHash: report.reportHash,
          finishedAt: new Date(),
          lockedBy: null,
        },
      });
      if (count !== 1) return "cancelled" as const;
      await recordAuditEvent(tx, {
        actor: deps.workerId,
        action: "recommendation.succeeded",
        entity: "recommendation",
        entityId: searchId,
        data: { reportHash: report.reportHash, headline: report.headline },
      });
      return "succeeded" as const;
    });
  } catch (e) {
    await writing.catch(() => {});
    if (e instanceof SearchStopped || controller.signal.aborted) return "cancelled";
    const message = e instanceof Error ? e.message : String(e);
    await db.$transaction(async (tx) => {
      const { count } = await tx.recommendationSearch.updateMany({
        ...mine,
        data: { status: "failed", error: message, finishedAt: new Date(), lockedBy: null },
      });
      if (count === 1) {
        await recordAuditEvent(tx, {
          actor: deps.workerId,
          action: "recommendation.failed",
          entity: "recommendation",
          entityId: searchId,
          data: { message },
        });
      }
    });
    return "failed";
  }
}
