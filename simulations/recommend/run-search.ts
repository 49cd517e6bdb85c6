/**
 * The parameter search: the most capital-efficient set (by the stated objective) that meets the
 * insolvency budget, in four stages that each wait for a whole batch of candidate evaluations:
 *
 * 1. design: the base set and a Sobol' design of the box, screened (a prefix of the population,
 *    fewer Monte Carlo paths and windows);
 * 2. refinement: a compass (pattern) search around the best screened candidates (Torczon, "On the
 *    convergence of pattern search algorithms", SIAM J. Optim. 1997): each round tries one step up
 *    and down per field, moves to the best improvement, else halves the step, down to the field's
 *    own step; candidates rank feasible first by objective, then by budget violation;
 * 3. finalists: the best screened candidates evaluated in full; the recommendation is the full
 *    evaluation winner, and a set that breaks the budget in full is never recommended;
 * 4. sensitivity: one step down and up per field around the recommendation, screened.
 *
 * The order of candidates and every decision depend only on the spec, the live set and the seed,
 * never on which worker finished first, so the report's hash is the same for 1 or N workers.
 */
import { hashCanonical } from "../hashing/canonical-json.ts";
import { getAtPath } from "../models/resolve-params.ts";
import type { ResolvedSetJson } from "../simulation/param-sets.ts";
import { type BudgetCheck, checkBudget } from "./budget.ts";
import type { CandidateExecutor } from "./candidate-executor.ts";
import type { CandidateOutcome, CandidateStage, CandidateTask } from "./candidate-task.ts";
import { objectiveValue } from "./objective.ts";
import { buildRecommendationReport, type RecommendationReport } from "./recommendation-report.ts";
import { candidateSet, gridIndex, gridKey, gridSize, pointValues, unitToGrid } from "./search-space.ts";
import type { PreparedSearch } from "./search-spec.ts";
import { sobolPoints } from "./sobol.ts";

export type CandidateOrigin = "base" | "design" | "refinement" | "sensitivity";

export type Evaluation = { outcome: CandidateOutcome; check: BudgetCheck; objective: number };

export type SearchCandidate = {
  key: string;
  coords: number[];
  values: Record<string, number>;
  origin: CandidateOrigin;
  /** Refinement round that proposed it (0 for the design). */
  round: number;
  set: ResolvedSetJson | null;
  /** Why the model rejected the set (then it is never simulated). */
  invalid: string | null;
  screening: Evaluation | null;
  full: Evaluation | null;
};

export type SearchProgress = {
  done: number;
  /** Evaluations planned (an upper bound while the refinement runs; it shrinks when it converges early). */
  total: number;
  stage: string;
  best: { key: string; objective: number; feasible: boolean; stage: CandidateStage } | null;
};

/** Lower is better: feasible before infeasible; feasible by objective, infeasible by violation; then key. */
export function compareEvaluations(a: Evaluation, b: Evaluation, keyA: string, keyB: string): number {
  if (a.check.feasible !== b.check.feasible) return a.check.feasible ? -1 : 1;
  const d = a.check.feasible ? a.objective - b.objective : a.check.violation - b.check.violation;
  if (d !== 0) return d;
  return keyA < keyB ? -1 : keyA > keyB ? 1 : 0;
}

export async function runSearch(args: {
  prepared: PreparedSearch;
  executor: CandidateExecutor;
  onProgress?: (p: SearchProgress) => void;
  signal?: AbortSignal;
}): Promise<RecommendationReport> {
  const { prepared, executor, signal } = args;
  const { dims, spec } = prepared;
  const effort = spec.effort;
  const byKey = new Map<string, SearchCandidate>();
  const order: SearchCandidate[] = [];
  let done = 0;
  let total = effort.maxScreened + effort.finalists + 2 * dims.length;
  let stage = "design";
  let best: SearchProgress["best"] = null;
  const report = () => args.onProgress?.({ done, total, stage, best });

  const propose = (coords: number[], origin: CandidateOrigin, round: number): SearchCandidate => {
    const key = gridKey(coords);
    const existing = byKey.get(key);
    if (existing) return existing;
    const values = pointValues(dims, coords);
    let set: ResolvedSetJson | null = null;
    let invalid: string | null = null;
    try {
      set = candidateSet(prepared.base, values);
    } catch (e) {
      invalid = e instanceof Error ? e.message : String(e);
    }
    const c: SearchCandidate = {
      key,
      coords,
      values,
      origin,
      round,
      set,
      invalid,
      screening: null,
      full: null,
    };
    byKey.set(key, c);
    order.push(c);
    return c;
  };

  const screenedCount = () => order.filter((c) => c.screening).length;
  const evaluate = async (list: SearchCandidate[], which: CandidateStage) => {
    const todo = [...new Set(list)].filter((c) => c.set && !c[which]);
    // A full evaluation with the screening's very inputs (screening at full size) reuses its outcome.
    if (which === "full" && sameSize) {
      for (const c of todo)
        if (c.screening) c.full = { ...c.screening, outcome: { ...c.screening.outcome, stage: "full" } };
    }
    const pending = todo.filter((c) => !c[which]);
    if (pending.length === 0) return rankBest(which);
    const tasks: CandidateTask[] = pending.map((c) => ({
      key: c.key,
      stage: which,
      inputs: prepared.inputs(c.set!, which),
    }));
    const outcomes = await executor.run(tasks, {
      onDone: () => {
        done++;
        report();
      },
      ...(signal ? { signal } : {}),
    });
    const usdScale = which === "screening" ? prepared.screeningUsdScale : 1;
    pending.forEach((c, k) => {
      const outcome = outcomes[k]!;
      c[which] = {
        outcome,
        check: checkBudget(prepared.budget, outcome.metrics, usdScale),
        objective: objectiveValue(prepared.objective, outcome.metrics),
      };
    });
    rankBest(which);
  };
  // The best so far, for progress only: a full evaluation's winner once there is one.
  const rankBest = (which: CandidateStage) => {
    const top = rank(which)[0];
    if (top && (which === "full" || best?.stage !== "full")) {
      const ev = top[which]!;
      best = { key: top.key, objective: ev.objective, feasible: ev.check.feasible, stage: which };
    }
    report();
  };
  const sameSize =
    hashCanonical(prepared.inputs(prepared.base, "full")) ===
    hashCanonical(prepared.inputs(prepared.base, "screening"));
  const rank = (which: CandidateStage) =>
    order.filter((c) => c[which]).sort((a, b) => compareEvaluations(a[which]!, b[which]!, a.key, b.key));
  const better = (a: SearchCandidate, b: SearchCandidate) =>
    compareEvaluations(a.screening!, b.screening!, a.key, b.key) < 0;

  report();
  // 1. Design: the base set first (a search never does worse than where it starts), then Sobol' points.
  const baseCoords = dims.map((d) => gridIndex(d, getAtPath(prepared.base, d.path) as number));
  const design = [propose(baseCoords, "base", 0)];
  for (const u of sobolPoints({ count: effort.design, dimensions: dims.length, seed: spec.seed })) {
    if (design.length >= Math.min(effort.design + 1, effort.maxScreened)) break;
    const c = propose(unitToGrid(dims, u), "design", 0);
    if (!design.includes(c)) design.push(c);
  }
  await evaluate(design, "screening");

  // 2. Refinement: compass search from the best `keep` screened candidates, steps in grid units.
  stage = "refinement";
  type Incumbent = { c: SearchCandidate; h: number[] };
  let incumbents: Incumbent[] = rank("screening")
    .slice(0, effort.keep)
    .map((c) => ({ c, h: dims.map((d) => Math.max(1, Math.ceil(gridSize(d) / 8))) }));
  let round = 0;
  while (incumbents.some((i) => i.h.some((x) => x > 0)) && screenedCount() < effort.maxScreened) {
    round++;
    const tried = new Map<Incumbent, SearchCandidate[]>();
    for (const inc of incumbents) {
      const list: SearchCandidate[] = [];
      dims.forEach((d, j) => {
        for (const sign of [-1, 1]) {
          const h = inc.h[j]!;
          if (h === 0) continue;
          const coords = [...inc.c.coords];
          coords[j] = Math.min(gridSize(d), Math.max(0, coords[j]! + sign * h));
          if (coords[j] !== inc.c.coords[j]) list.push(propose(coords, "refinement", round));
        }
      });
      tried.set(inc, list);
    }
    const fresh = [...new Set([...tried.values()].flat())].filter((c) => c.set && !c.screening);
    await evaluate(fresh.slice(0, effort.maxScreened - screenedCount()), "screening");
    for (const inc of incumbents) {
      const moves = tried.get(inc)!.filter((c) => c.screening);
      const top = moves.sort((a, b) => compareEvaluations(a.screening!, b.screening!, a.key, b.key))[0];
      if (top && better(top, inc.c)) inc.c = top;
      else inc.h = inc.h.map((x) => Math.floor(x / 2));
    }
    // Two incumbents that met follow one path.
    incumbents = incumbents.filter((inc, k) => incumbents.findIndex((o) => o.c === inc.c) === k);
  }

  // 3. Finalists: the best screened candidates, in full.
  stage = "finalists";
  const finalists = rank("screening").slice(0, effort.finalists);
  total = done + finalists.length + 2 * dims.length;
  report();
  await evaluate(finalists, "full");
  const fullRanked = rank("full");
  const winner = fullRanked.find((c) => c.full!.check.feasible) ?? null;

  // 4. Sensitivity around the recommendation (or the closest candidate), one grid step per field.
  stage = "sensitivity";
  const centre = winner ?? fullRanked[0] ?? null;
  const around: SearchCandidate[] = [];
  if (centre) {
    dims.forEach((d, j) => {
      for (const sign of [-1, 1]) {
        const coords = [...centre.coords];
        coords[j] = coords[j]! + sign;
        if (coords[j]! >= 0 && coords[j]! <= gridSize(d)) around.push(propose(coords, "sensitivity", 0));
      }
    });
  }
  total = done + around.filter((c) => c.set && !c.screening).length;
  await evaluate(around, "screening");
  stage = "done";
  report();

  return buildRecommendationReport({ prepared, candidates: order, winner, centre, rounds: round });
}
