import type { RecommendationReport } from "../../../simulations/recommend/recommendation-report.ts";
import type { Db } from "../../db/connect.ts";
import { AppError } from "../../errors/app-error.ts";
import { requireLiveParameterSet } from "../parameters/live-parameter-set.ts";
import { createDraft } from "../proposals/drafts.ts";

const pct = (x: number) => `${+(x * 100).toPrecision(4)}%`;

/** The proposal's rationale, generated from the evidence: the written objective, the budget checks, the search. */
export function recommendationRationale(search: { id: string }, report: RecommendationReport): string {
  const rec = report.recommendation!;
  const checks = rec.full.checks.map(
    (c) => `- ${c.ok ? "met" : "BROKEN"}: ${c.label} (value ${c.value ?? "n/a"})`,
  );
  return [
    `Drafted from recommendation search ${search.id} (report ${report.reportHash}).`,
    "",
    `**${report.headline}.**`,
    "",
    `Risk appetite: ${report.appetite.title}. ${report.appetite.objective}`,
    "",
    `Objective: ${report.objective.words}.`,
    "",
    "Budget in full evaluation (all changes simulated together against the live set):",
    ...checks,
    "",
    `Search: ${report.design.method}; ${report.design.screened} candidates screened on ${report.evaluations.screening.accounts} accounts, ${report.design.full} evaluated in full on ${report.evaluations.full.accounts} accounts.`,
    ...(rec.atLimit.length > 0
      ? [
          "",
          `Held at a steward limit or the change cap (a first step of a longer path): ${rec.atLimit.map((a) => a.path).join(", ")}.`,
        ]
      : []),
    ...(rec.versusLive.initialMarginRel !== null
      ? ["", `Initial margin versus live: ${pct(rec.versusLive.initialMarginRel)}.`]
      : []),
  ].join("\n");
}

/**
 * Drafts a proposal from a search's recommendation: the recommended values as changes against the live set and a
 * generated rationale. Refused when the live set changed since the search (its evidence compared another set).
 */
export async function draftFromRecommendation(
  db: Db,
  author: string,
  input: { searchId: string; title?: string },
) {
  const search = await db.recommendationSearch.findUnique({ where: { id: input.searchId } });
  if (!search) throw new AppError("NOT_FOUND", "no such recommendation search");
  if (search.status !== "succeeded" || !search.report) {
    throw new AppError("CONFLICT", `the search is ${search.status}; there is no recommendation yet`);
  }
  const report = search.report as unknown as RecommendationReport;
  if (!report.recommendation) {
    throw new AppError("CONFLICT", `no candidate met the budget: ${report.headline}`);
  }
  const live = await requireLiveParameterSet(db);
  if (live.version !== search.baseVersion) {
    throw new AppError(
      "CONFLICT",
      `the live set is now version ${live.version}; this search compared version ${search.baseVersion}: run the search again`,
    );
  }
  return createDraft(db, author, {
    title: input.title ?? `Recommended parameters (${report.appetite.title.toLowerCase()} appetite)`,
    rationale: recommendationRationale(search, report),
    changes: Object.fromEntries(report.recommendation.diff.map((d) => [d.path, d.to])),
  });
}
