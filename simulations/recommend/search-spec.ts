/**
 * What a steward states to ask for a recommendation, as one zod schema, and its preparation against
 * the live set: the searched box (ranges inside the model's bounds, narrowed by steward limits and
 * the per-proposal change cap), the budget (a named risk appetite, optionally overridden), the
 * objective, and the simulation inputs of a full and of a screening evaluation. Every error names
 * its field: `fields[0].path: unknown field "priceScan" of span-grid`.
 */
import { z } from "zod";
import { EngineError } from "../errors.ts";
import { describeBounds, type FieldBounds } from "../models/field-meta.ts";
import { getModel } from "../models/registry.ts";
import { getAtPath } from "../models/resolve-params.ts";
import { type ResolvedSetJson, resolveSet } from "../simulation/param-sets.ts";
import {
  MAX_ACCOUNTS,
  MAX_PATHS,
  NAMED_WINDOW_IDS,
  parseSimulationInputs,
  SimulationInputError,
  type SimulationInputs,
  selectedWindows,
} from "../simulation/simulation-inputs.ts";
import { type Budget, budgetSchema, hasConstraint } from "./budget.ts";
import { type Objective, objectiveSchema } from "./objective.ts";
import { RISK_APPETITE_IDS, RISK_APPETITES, type RiskAppetiteId } from "./risk-appetites.ts";
import type { SearchDimension } from "./search-space.ts";
import { SOBOL_MAX_DIMENSIONS } from "./sobol.ts";

const fieldSchema = z.strictObject({
  /** A numeric field of the model: `priceScanRange`, `margin.mmFactor`, `collateralHaircuts.BTC`. */
  path: z.string({ error: "must be a field path" }).min(1, { error: "must be a field path" }),
  min: z.number({ error: "must be a number" }),
  max: z.number({ error: "must be a number" }),
  /** Resolution of the search for this field (default: the range / 64, 1 for whole-number fields). */
  step: z.number({ error: "must be a number" }).gt(0, { error: "must be > 0" }).optional(),
  /** Steward limit: at most this relative change against live (0.25: within +-25% of the live value). */
  maxRelativeChange: z.number({ error: "must be a number" }).gt(0, { error: "must be > 0" }).optional(),
});

/** Keys of the simulation inputs a search may set for its evaluations (the rest is the search's own). */
const EVALUATION_KEYS = [
  /** The simulation's seed (default: the search's seed). */
  "seed",
  /** The frontier sweep of a full evaluation (default: none; screening never sweeps). */
  "frontier",
  "accounts",
  "paths",
  "horizonDays",
  "windows",
  "population",
  "volSpikes",
  "shockPaths",
  "intraday",
  "rollingStepDays",
  "monteCarloModels",
  "insuranceFund",
  "backtestConfidence",
] as const;

const evaluationSchema = z.strictObject(
  Object.fromEntries(EVALUATION_KEYS.map((k) => [k, z.unknown().optional()])) as Record<
    (typeof EVALUATION_KEYS)[number],
    z.ZodOptional<z.ZodUnknown>
  >,
);

const count = (min: number, max: number) =>
  z
    .number({ error: "must be a number" })
    .int({ error: "must be a whole number" })
    .min(min, { error: `must be at least ${min}` })
    .max(max, { error: `must be at most ${max}` });

export const searchSpecSchema = z.strictObject({
  /** The set the search starts from and changes (default: the live set). */
  base: z.record(z.string(), z.unknown(), { error: "must be a parameter-set object" }).optional(),
  fields: z
    .array(fieldSchema, { error: "must be a list of fields to search" })
    .min(1, { error: "name at least one field to search" })
    .max(SOBOL_MAX_DIMENSIONS, { error: `at most ${SOBOL_MAX_DIMENSIONS} fields` }),
  /** Per-proposal change cap: at most this relative change of any field against live (0.25 = 25%). */
  changeCap: z.number({ error: "must be a number" }).gt(0, { error: "must be > 0" }).optional(),
  objective: objectiveSchema.default({ kind: "min-initial-margin" }),
  /** A named risk appetite whose budget applies (default: moderate, unless a budget is given). */
  appetite: z.enum(RISK_APPETITE_IDS, { error: `must be one of ${RISK_APPETITE_IDS.join(", ")}` }).optional(),
  /** Budget constraints; with an appetite they override its constraints one by one (null removes one). */
  budget: budgetSchema.optional(),
  /** Simulation inputs of a full evaluation (the report a finalist gets); defaults as a stress report's. */
  evaluation: evaluationSchema.default({}),
  /** A screening evaluation: a prefix of the population, fewer Monte Carlo paths, fewer windows. */
  screening: z
    .strictObject({
      accounts: count(1, MAX_ACCOUNTS).optional(),
      paths: count(0, MAX_PATHS).optional(),
      windows: z.array(z.string()).min(1).optional(),
    })
    .default({}),
  seed: count(0, 2 ** 31 - 1).default(1),
  effort: z
    .strictObject({
      /** Space-filling design points screened first. */
      design: count(1, 1024).default(32),
      /** Screened candidates in all (design, refinement, sensitivity). */
      maxScreened: count(1, 4096).default(64),
      /** Best candidates refined around (the incumbents of the pattern search). */
      keep: count(1, 16).default(2),
      /** Candidates evaluated in full. */
      finalists: count(1, 32).default(4),
    })
    .default({ design: 32, maxScreened: 64, keep: 2, finalists: 4 }),
});
export type SearchSpecInput = z.input<typeof searchSpecSchema>;
export type SearchSpec = z.output<typeof searchSpecSchema>;

export class SearchSpecError extends EngineError {
  constructor(path: ReadonlyArray<string | number>, reason: string) {
    super({ code: "INVALID_INPUT", path, reason });
    this.name = "SearchSpecError";
  }
}

export function parseSearchSpec(value: unknown): SearchSpec {
  const r = searchSpecSchema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const path = issue.path.map((p) => (typeof p === "symbol" ? String(p) : p));
  if (issue.code === "unrecognized_keys") {
    throw new SearchSpecError([...path, (issue as { keys: string[] }).keys[0] ?? "?"], "unknown field");
  }
  throw new SearchSpecError(path, issue.message);
}

export type PreparedSearch = {
  spec: SearchSpec;
  live: ResolvedSetJson;
  base: ResolvedSetJson;
  dims: SearchDimension[];
  appetite: { id: RiskAppetiteId | "custom"; title: string; objective: string };
  budget: Budget;
  objective: Objective;
  /** Simulation inputs comparing live with `candidate`, at full or at screening size. */
  inputs(candidate: ResolvedSetJson, stage: "full" | "screening"): SimulationInputs;
  /** USD limits at screening are scaled by the screening population's share of the full one. */
  screeningUsdScale: number;
};

function inBounds(b: FieldBounds | undefined, v: number): boolean {
  if (!b) return Number.isFinite(v);
  if (b.min !== undefined && (b.exclusiveMin ? v <= b.min : v < b.min)) return false;
  if (b.max !== undefined && (b.exclusiveMax ? v >= b.max : v > b.max)) return false;
  return true;
}

/** Field metadata of a searchable numeric path (a number or integer field, or one key of a record field). */
function numericField(model: ReturnType<typeof getModel>, path: string) {
  const meta = model.fields[path];
  if (meta && (meta.kind === "number" || meta.kind === "integer")) {
    return { label: meta.label, unit: meta.unit, bounds: meta.bounds, integer: meta.kind === "integer" };
  }
  const dot = path.lastIndexOf(".");
  const parent = dot > 0 ? model.fields[path.slice(0, dot)] : undefined;
  if (parent?.kind === "record") {
    return {
      label: `${parent.label} (${path.slice(dot + 1)})`,
      unit: parent.unit,
      bounds: parent.valueBounds,
      integer: false,
    };
  }
  if (meta) return `is a ${meta.kind} field of ${model.id}; only numeric fields can be searched`;
  const numeric = Object.entries(model.fields)
    .filter(([, m]) => m.kind === "number" || m.kind === "integer")
    .map(([k]) => k);
  return `unknown field "${path}" of ${model.id} (numeric fields: ${numeric.slice(0, 8).join(", ")}, ...)`;
}

/** Validates a search spec against the live set; every error is a SearchSpecError naming its field. */
export function prepareSearch(args: { live: unknown; spec: unknown }): PreparedSearch {
  const spec = parseSearchSpec(args.spec);
  let live: ResolvedSetJson;
  try {
    live = resolveSet(args.live);
  } catch (e) {
    if (e instanceof EngineError) throw new SearchSpecError(["live", ...e.path], e.reason);
    throw e;
  }
  let base = live;
  if (spec.base) {
    try {
      base = resolveSet(spec.base);
    } catch (e) {
      if (e instanceof EngineError) throw new SearchSpecError(["base", ...e.path], e.reason);
      throw e;
    }
    if (base.model !== live.model) {
      throw new SearchSpecError(["base", "model"], `must be the live set's model (${live.model})`);
    }
  }
  const model = getModel(base.model);
  const seen = new Set<string>();
  const dims: SearchDimension[] = spec.fields.map((f, i) => {
    const at = (k: string) => ["fields", i, k];
    const meta = numericField(model, f.path);
    if (typeof meta === "string") throw new SearchSpecError(at("path"), meta);
    if (seen.has(f.path)) throw new SearchSpecError(at("path"), `"${f.path}" is searched twice`);
    seen.add(f.path);
    const liveValue = getAtPath(live, f.path);
    if (typeof liveValue !== "number") {
      throw new SearchSpecError(at("path"), `"${f.path}" has no value in the live set`);
    }
    for (const k of ["min", "max"] as const) {
      if (!inBounds(meta.bounds, f[k])) {
        throw new SearchSpecError(
          at(k),
          `${f[k]} is outside the bounds of ${f.path} (${describeBounds(meta.bounds ?? {})})`,
        );
      }
    }
    if (!(f.min < f.max)) throw new SearchSpecError(at("max"), `must be greater than min (${f.min})`);
    let lo = f.min;
    let hi = f.max;
    for (const [r, field] of [
      [f.maxRelativeChange, "maxRelativeChange"],
      [spec.changeCap, "changeCap"],
    ] as const) {
      if (r === undefined) continue;
      // Rounded to 12 significant digits: 0.15 x 1.5 is 0.225, not 0.22499999999999998.
      lo = Math.max(lo, Number((liveValue - r * Math.abs(liveValue)).toPrecision(12)));
      hi = Math.min(hi, Number((liveValue + r * Math.abs(liveValue)).toPrecision(12)));
      if (!(lo < hi)) {
        const path = field === "changeCap" ? ["changeCap"] : at(field);
        throw new SearchSpecError(
          path,
          `leaves no room to search ${f.path}: within ${r * 100}% of the live value ${liveValue} and the range [${f.min}, ${f.max}] do not overlap`,
        );
      }
    }
    const integer = meta.integer;
    if (integer) {
      lo = Math.ceil(lo);
      hi = Math.floor(hi);
      if (!(lo < hi)) throw new SearchSpecError(at("max"), "the range holds fewer than two whole numbers");
    }
    const step = f.step ?? (integer ? 1 : (hi - lo) / 64);
    if (integer && !Number.isInteger(step)) {
      throw new SearchSpecError(at("step"), `must be a whole number: ${f.path} is a whole-number field`);
    }
    if (step > hi - lo)
      throw new SearchSpecError(at("step"), `must be at most the range searched (${hi - lo})`);
    if ((hi - lo) / step > 1e6) throw new SearchSpecError(at("step"), "at most 1,000,000 steps per field");
    return {
      path: f.path,
      label: meta.label,
      unit: meta.unit,
      lo,
      hi,
      step,
      integer,
      live: liveValue,
      requested: { min: f.min, max: f.max },
    };
  });

  // Budget: the appetite's constraints, each overridden by the budget's own when given.
  const appetiteId = spec.appetite ?? (spec.budget ? undefined : "moderate");
  const preset = appetiteId ? RISK_APPETITES[appetiteId] : undefined;
  const budget: Budget = { ...(preset?.budget ?? {}), ...(spec.budget ?? {}) };
  if (!hasConstraint(budget)) {
    throw new SearchSpecError(
      ["budget"],
      "empty: state at least one constraint (windowBadDebt, monteCarloBadDebtEs99, backtest) or choose an appetite",
    );
  }
  const overridden = preset && spec.budget && Object.keys(spec.budget).length > 0;
  const appetite = preset
    ? {
        id: overridden ? ("custom" as const) : preset.id,
        title: overridden ? `${preset.title}, with overrides` : preset.title,
        objective: overridden
          ? `${preset.objective} Overridden by the search: ${JSON.stringify(spec.budget)}.`
          : preset.objective,
      }
    : { id: "custom" as const, title: "Custom budget", objective: "The budget stated in the search." };

  const evaluation = Object.fromEntries(Object.entries(spec.evaluation).filter(([, v]) => v !== undefined));
  const compose = (candidate: ResolvedSetJson, extra: Record<string, unknown>) => ({
    seed: spec.seed,
    // The frontier sweep is the search's own job; a full evaluation may still carry one (the server's proposal
    // runs do, so that a finalist's report is the impact report of a proposal made from it).
    frontier: { values: [] },
    ...evaluation,
    ...extra,
    live,
    proposed: candidate,
  });
  const parseAt = (raw: unknown, prefix: string) => {
    try {
      return parseSimulationInputs(raw);
    } catch (e) {
      if (e instanceof SimulationInputError) throw new SearchSpecError([prefix, e.field], e.reason);
      throw e;
    }
  };
  const full = parseAt(compose(base, {}), "evaluation");
  const fullWindows = selectedWindows(full);
  const screeningWindows = spec.screening.windows ?? fullWindows.filter((w) => w !== "rolling-2018");
  spec.screening.windows?.forEach((w, i) => {
    if (!fullWindows.includes(w)) {
      throw new SearchSpecError(
        ["screening", "windows", i],
        `"${w}" is not replayed in the full evaluation (${fullWindows.join(", ") || "no windows"})`,
      );
    }
  });
  const screeningExtra = {
    frontier: { values: [] },
    accounts: Math.min(spec.screening.accounts ?? 1_000, full.accounts),
    paths: Math.min(spec.screening.paths ?? 20, full.paths),
    windows: screeningWindows.length > 0 ? screeningWindows : ["none"],
  };
  if (spec.screening.accounts !== undefined && spec.screening.accounts > full.accounts) {
    throw new SearchSpecError(
      ["screening", "accounts"],
      `must be at most the full evaluation's ${full.accounts}`,
    );
  }
  parseAt(compose(base, screeningExtra), "screening");

  // Each constraint must be measurable in the full evaluation, or it could never be met or broken.
  if (budget.windowBadDebt) {
    const named = fullWindows.filter((w) => (NAMED_WINDOW_IDS as readonly string[]).includes(w));
    const wanted = budget.windowBadDebt.windows ?? named;
    if (wanted.length === 0) {
      throw new SearchSpecError(
        ["budget", "windowBadDebt"],
        "the full evaluation replays no named window; add windows to evaluation.windows or set this constraint to null",
      );
    }
    budget.windowBadDebt.windows?.forEach((w, i) => {
      if (!fullWindows.includes(w)) {
        throw new SearchSpecError(
          ["budget", "windowBadDebt", "windows", i],
          `"${w}" is not replayed in the full evaluation; add it to evaluation.windows`,
        );
      }
    });
  }
  if (budget.monteCarloBadDebtEs99 && full.paths === 0) {
    throw new SearchSpecError(
      ["budget", "monteCarloBadDebtEs99"],
      "the full evaluation has no Monte Carlo paths (evaluation.paths = 0); give paths or set this constraint to null",
    );
  }
  return {
    spec,
    live,
    base,
    dims,
    appetite,
    budget,
    objective: spec.objective,
    // An imported population ignores `accounts`: screening then simulates the same accounts.
    screeningUsdScale:
      full.population?.accounts || full.population?.csv !== undefined
        ? 1
        : screeningExtra.accounts / full.accounts,
    inputs: (candidate, stage) =>
      stage === "full"
        ? parseSimulationInputs(compose(candidate, {}))
        : parseSimulationInputs(compose(candidate, screeningExtra)),
  };
}
