/**
 * The recommendation report: every evaluated candidate (its values, headline figures, feasible or
 * not, screening or full), the efficiency-versus-insolvency frontier, the recommended diff against
 * live, the per-field sensitivity near it, how far screening was from full evaluation, one headline
 * line, and a hash over the canonical JSON (as stress reports have) that `verify` re-computes.
 */
import { hashCanonical } from "../hashing/canonical-json.ts";
import { diffParams, type ParamDiff } from "../models/registry.ts";
import { ENGINE_VERSION } from "../report/engine-version.ts";
import type { ResolvedSetJson } from "../simulation/param-sets.ts";
import type { ConstraintCheck } from "./budget.ts";
import type { BudgetMetrics } from "./budget-metrics.ts";
import type { CandidateStage } from "./candidate-task.ts";
import { describeObjective } from "./objective.ts";
import { paretoFrontier } from "./pareto.ts";
import type { Evaluation, SearchCandidate } from "./run-search.ts";
import { gridSize, type SearchDimension } from "./search-space.ts";
import type { PreparedSearch, SearchSpec } from "./search-spec.ts";

/** Bump when the search's decisions change for the same inputs (with the engine version, in `engineVersion`). */
export const SEARCH_REVISION = 1;
export const RECOMMENDATION_ENGINE_VERSION = `${ENGINE_VERSION}+search${SEARCH_REVISION}`;

type EvaluationJson = {
  metrics: BudgetMetrics;
  feasible: boolean;
  violation: number;
  objective: number;
  checks: ConstraintCheck[];
  reportHash: string;
  inputsHash: string;
};

export type CandidateJson = {
  key: string;
  origin: SearchCandidate["origin"];
  round: number;
  values: Record<string, number>;
  invalid: string | null;
  screening: EvaluationJson | null;
  full: EvaluationJson | null;
};

export type RecommendationReport = {
  reportHash: string;
  kind: "marginlab-recommendation";
  engineVersion: string;
  inputsHash: string;
  inputs: { live: ResolvedSetJson; search: SearchSpec };
  methodology: string;
  headline: string;
  appetite: PreparedSearch["appetite"];
  objective: { spec: SearchSpec["objective"]; words: string };
  budget: PreparedSearch["budget"];
  searchSpace: SearchDimension[];
  evaluations: {
    full: { accounts: number; paths: number; windows: string[] };
    screening: { accounts: number; paths: number; windows: string[]; usdLimitScale: number };
  };
  design: { method: string; refinementRounds: number; screened: number; full: number; invalid: number };
  live: { full: BudgetMetrics | null; screening: BudgetMetrics | null };
  candidates: CandidateJson[];
  frontier: Record<CandidateStage, { insolvencyMeasure: string; points: string[]; liveOnFrontier: boolean }>;
  recommendation: {
    key: string;
    values: Record<string, number>;
    set: ResolvedSetJson;
    diff: ParamDiff[];
    full: EvaluationJson;
    /** Fields held at a steward limit or the change cap where the range asked for goes further. */
    atLimit: { path: string; side: "lower" | "upper"; limit: number; requested: number; note: string }[];
    versusLive: {
      initialMarginUsd: number;
      initialMarginRel: number | null;
      badDebtEs99Usd: number | null;
      windowBadDebtUsd: number;
    };
  } | null;
  /** When nothing meets the budget in full: the full evaluations, least violating first. */
  closest: { key: string; values: Record<string, number>; violation: number; broken: string[] }[];
  sensitivity: {
    around: string | null;
    note: string;
    fields: {
      path: string;
      step: number;
      from: number;
      to: number;
      initialMarginUsdPerUnit: number;
      badDebtEs99UsdPerUnit: number | null;
      windowBadDebtUsdPerUnit: number;
    }[];
  };
  screeningError: {
    key: string;
    feasibleAtScreening: boolean;
    feasibleInFull: boolean;
    violationAtScreening: number;
    violationInFull: number;
    /** Full initial margin / screening initial margin (the population ratio if screening were exact). */
    marginRatioFullToScreening: number | null;
  }[];
};

function evaluationJson(e: Evaluation): EvaluationJson {
  return {
    metrics: e.outcome.metrics,
    feasible: e.check.feasible,
    violation: e.check.violation,
    objective: e.objective,
    checks: e.check.checks,
    reportHash: e.outcome.reportHash,
    inputsHash: e.outcome.inputsHash,
  };
}

const sumWindows = (m: BudgetMetrics) => Object.values(m.windowBadDebtUsd).reduce((s, v) => s + v, 0);

/** Insolvency on the frontier's axis: bad-debt 99% ES across paths, or (without Monte Carlo) summed window bad debt. */
function insolvency(m: BudgetMetrics): number {
  return m.monteCarloBadDebtEs99Usd ?? sumWindows(m);
}

/** $1.23M, -$45.6k, $0: three significant figures, so a change never rounds away. */
export function formatUsd(v: number, signed = false): string {
  const sign = v < 0 ? "-" : signed && v > 0 ? "+" : "";
  const a = Math.abs(v);
  const [div, suffix] = a >= 1e9 ? [1e9, "B"] : a >= 1e6 ? [1e6, "M"] : a >= 1e3 ? [1e3, "k"] : [1, ""];
  return `${sign}$${+(a / div).toPrecision(3)}${suffix}`;
}

export function buildRecommendationReport(args: {
  prepared: PreparedSearch;
  candidates: readonly SearchCandidate[];
  winner: SearchCandidate | null;
  centre: SearchCandidate | null;
  rounds: number;
}): RecommendationReport {
  const { prepared, candidates, winner, centre } = args;
  const { dims, spec } = prepared;
  const fullInputs = prepared.inputs(prepared.base, "full");
  const screenInputs = prepared.inputs(prepared.base, "screening");
  const windowsOf = (i: typeof fullInputs) =>
    i.windows.includes("none") ? [] : i.windows.includes("all") ? ["all"] : i.windows;
  const firstWith = (which: CandidateStage) =>
    candidates.find((c) => c[which])?.[which]?.outcome.liveMetrics ?? null;
  const liveFull = firstWith("full");
  const liveScreening = firstWith("screening");

  const frontierOf = (which: CandidateStage, live: BudgetMetrics | null) => {
    const pts = candidates
      .filter((c) => c[which])
      .map((c) => ({
        id: c.key,
        margin: c[which]!.outcome.metrics.initialMarginUsd,
        insolvency: insolvency(c[which]!.outcome.metrics),
      }));
    if (live) pts.push({ id: "live", margin: live.initialMarginUsd, insolvency: insolvency(live) });
    const ids = paretoFrontier(pts);
    return {
      insolvencyMeasure:
        fullInputs.paths > 0
          ? "bad debt 99% ES across Monte Carlo paths (USD)"
          : "bad debt summed over the named windows (USD)",
      points: ids.filter((id) => id !== "live"),
      liveOnFrontier: ids.includes("live"),
    };
  };

  let recommendation: RecommendationReport["recommendation"] = null;
  if (winner?.full && winner.set) {
    const m = winner.full.outcome.metrics;
    const l = winner.full.outcome.liveMetrics;
    const atLimit: NonNullable<RecommendationReport["recommendation"]>["atLimit"] = [];
    dims.forEach((d, j) => {
      const k = winner.coords[j]!;
      const note =
        "held at the steward limit or change cap while the range asked for goes further: this can be the first step of a longer path";
      if (k === 0 && d.requested.min < d.lo)
        atLimit.push({ path: d.path, side: "lower", limit: d.lo, requested: d.requested.min, note });
      if (k === gridSize(d) && d.requested.max > d.hi)
        atLimit.push({ path: d.path, side: "upper", limit: d.hi, requested: d.requested.max, note });
    });
    recommendation = {
      key: winner.key,
      values: winner.values,
      set: winner.set,
      diff: diffParams(prepared.live, winner.set),
      full: evaluationJson(winner.full),
      atLimit,
      versusLive: {
        initialMarginUsd: m.initialMarginUsd - l.initialMarginUsd,
        initialMarginRel: l.initialMarginUsd > 0 ? m.initialMarginUsd / l.initialMarginUsd - 1 : null,
        badDebtEs99Usd:
          m.monteCarloBadDebtEs99Usd !== null && l.monteCarloBadDebtEs99Usd !== null
            ? m.monteCarloBadDebtEs99Usd - l.monteCarloBadDebtEs99Usd
            : null,
        windowBadDebtUsd: sumWindows(m) - sumWindows(l),
      },
    };
  }
  const fullRanked = candidates
    .filter((c) => c.full)
    .sort((a, b) => a.full!.check.violation - b.full!.check.violation || (a.key < b.key ? -1 : 1));
  const closest = winner
    ? []
    : fullRanked.map((c) => ({
        key: c.key,
        values: c.values,
        violation: c.full!.check.violation,
        broken: c.full!.check.checks.filter((x) => !x.ok).map((x) => x.label),
      }));

  const sensitivity: RecommendationReport["sensitivity"] = {
    around: centre?.key ?? null,
    note: "Change per unit of each field, by finite differences one search step down and up around the recommendation, at screening size (the screening population and paths): read as direction and relative size, not as full-size dollars.",
    fields: [],
  };
  if (centre?.screening) {
    dims.forEach((d, j) => {
      const at = (delta: number) => {
        const coords = [...centre.coords];
        coords[j] = coords[j]! + delta;
        return candidates.find((c) => c.key === coords.join(",") && c.screening) ?? null;
      };
      const lo = at(-1) ?? centre;
      const hi = at(1) ?? centre;
      if (lo === hi) return;
      const dx = hi.values[d.path]! - lo.values[d.path]!;
      const a = lo.screening!.outcome.metrics;
      const b = hi.screening!.outcome.metrics;
      sensitivity.fields.push({
        path: d.path,
        step: d.step,
        from: lo.values[d.path]!,
        to: hi.values[d.path]!,
        initialMarginUsdPerUnit: (b.initialMarginUsd - a.initialMarginUsd) / dx,
        badDebtEs99UsdPerUnit:
          a.monteCarloBadDebtEs99Usd !== null && b.monteCarloBadDebtEs99Usd !== null
            ? (b.monteCarloBadDebtEs99Usd - a.monteCarloBadDebtEs99Usd) / dx
            : null,
        windowBadDebtUsdPerUnit: (sumWindows(b) - sumWindows(a)) / dx,
      });
    });
  }

  const budgetName =
    prepared.appetite.id === "custom" ? "the stated budget" : `the ${prepared.appetite.id} budget`;
  let headline: string;
  if (recommendation) {
    const v = recommendation.versusLive;
    const rel =
      v.initialMarginRel === null
        ? ""
        : ` (${v.initialMarginRel > 0 ? "+" : ""}${+(v.initialMarginRel * 100).toPrecision(3)}%)`;
    const risk =
      v.badDebtEs99Usd !== null
        ? `bad-debt 99% ES ${formatUsd(v.badDebtEs99Usd, true)}`
        : `bad debt over the named windows ${formatUsd(v.windowBadDebtUsd, true)}`;
    headline = `margin ${formatUsd(v.initialMarginUsd, true)}${rel}, ${risk}, inside ${budgetName}`;
  } else if (closest.length > 0) {
    headline = `no candidate meets ${budgetName} in full evaluation; the closest (${closest[0]!.key}) breaks: ${closest[0]!.broken.join("; ")}`;
  } else {
    headline = "no candidate could be evaluated in full (every set was rejected by the model)";
  }

  const json = (c: SearchCandidate): CandidateJson => ({
    key: c.key,
    origin: c.origin,
    round: c.round,
    values: c.values,
    invalid: c.invalid,
    screening: c.screening ? evaluationJson(c.screening) : null,
    full: c.full ? evaluationJson(c.full) : null,
  });
  const inputs = { live: prepared.live, search: spec };
  const body: Omit<RecommendationReport, "reportHash"> = {
    kind: "marginlab-recommendation",
    engineVersion: RECOMMENDATION_ENGINE_VERSION,
    inputsHash: hashCanonical(inputs),
    inputs,
    methodology: "docs/methodology.md (Parameter search)",
    headline,
    appetite: prepared.appetite,
    objective: { spec: spec.objective, words: describeObjective(spec.objective) },
    budget: prepared.budget,
    searchSpace: dims,
    evaluations: {
      full: { accounts: fullInputs.accounts, paths: fullInputs.paths, windows: windowsOf(fullInputs) },
      screening: {
        accounts: screenInputs.accounts,
        paths: screenInputs.paths,
        windows: windowsOf(screenInputs),
        usdLimitScale: prepared.screeningUsdScale,
      },
    },
    design: {
      method: `Sobol' design (Joe-Kuo direction numbers, digital shift from seed ${spec.seed}) of ${spec.effort.design} points and the base set, compass-search refinement around the ${spec.effort.keep} best, ${spec.effort.finalists} finalists in full`,
      refinementRounds: args.rounds,
      screened: candidates.filter((c) => c.screening).length,
      full: candidates.filter((c) => c.full).length,
      invalid: candidates.filter((c) => c.invalid).length,
    },
    live: { full: liveFull, screening: liveScreening },
    candidates: candidates.map(json),
    frontier: { screening: frontierOf("screening", liveScreening), full: frontierOf("full", liveFull) },
    recommendation,
    closest,
    sensitivity,
    screeningError: candidates
      .filter((c) => c.full && c.screening)
      .map((c) => ({
        key: c.key,
        feasibleAtScreening: c.screening!.check.feasible,
        feasibleInFull: c.full!.check.feasible,
        violationAtScreening: c.screening!.check.violation,
        violationInFull: c.full!.check.violation,
        marginRatioFullToScreening:
          c.screening!.outcome.metrics.initialMarginUsd > 0
            ? c.full!.outcome.metrics.initialMarginUsd / c.screening!.outcome.metrics.initialMarginUsd
            : null,
      })),
  };
  return { reportHash: hashCanonical(body), ...body };
}
