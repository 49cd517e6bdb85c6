/**
 * The inputs of a stress simulation, validated with zod: the two parameter sets, the population, the
 * scenario set and the seed, each with bounds (so a request cannot occupy the workers for hours) and
 * defaults (the issue's default report: 10,000 accounts, every window, 200 Monte Carlo paths of 30 days).
 * Parameter sets are parameter-set JSON objects (`{"model"?: id, ...fields}`) checked by their model;
 * an issue names the field, e.g. `live.priceScanRange: must be in (0, 1]`.
 */
import { z } from "zod";
import { EngineError, formatPath } from "../errors.ts";
import { hashCanonical } from "../hashing/canonical-json.ts";
import { parseParamSet } from "../models/registry.ts";
import { PopulationError, parsePopulationCsv, parsePopulationJson } from "../population/import-population.ts";
import { checkPopulationConfig, populationConfigShape } from "../population/population-config.ts";
import { parseShockPath, ShockPathError } from "../scenarios/shock-paths.ts";
import { STRESS_WINDOW_IDS } from "../scenarios/windows.ts";

export const MAX_ACCOUNTS = 100_000;
export const MAX_PATHS = 5_000;
export const MAX_HORIZON_DAYS = 365;
export const NAMED_WINDOW_IDS = STRESS_WINDOW_IDS.filter((w) => w !== "rolling-2018");

const paramSet = z.record(z.string(), z.unknown(), { error: "must be a parameter-set object" });

const frontierSchema = z.strictObject({
  /** "shockMultiplier" (every shock of the set times a value) or a numeric field of the model. */
  parameter: z.string().min(1).default("shockMultiplier"),
  values: z
    .array(z.number().gt(0, { error: "must be > 0" }).max(1e9))
    .max(25, { error: "at most 25 points" })
    .default([0.5, 0.75, 1, 1.25, 1.5, 2]),
  /** The set whose parameter is swept. */
  base: z.enum(["live", "proposed"]).default("proposed"),
  /** Windows the frontier is computed on (default: the named stress windows the run simulates). */
  windows: z.array(z.enum(NAMED_WINDOW_IDS)).optional(),
});

const populationSchema = z
  .strictObject({
    ...populationConfigShape,
    /** Imported accounts (see population/import-population.ts); replaces the generator. */
    accounts: z.array(z.unknown()).max(MAX_ACCOUNTS).optional(),
    /** Imported accounts as CSV text. */
    csv: z.string().max(50_000_000).optional(),
  })
  .superRefine(checkPopulationConfig);

export const simulationInputsSchema = z
  .strictObject({
    live: paramSet,
    proposed: paramSet,
    accounts: z
      .number({ error: "must be a number" })
      .int({ error: "must be a whole number" })
      .min(1, { error: "must be at least 1" })
      .max(MAX_ACCOUNTS, { error: `must be at most ${MAX_ACCOUNTS}` })
      .default(10_000),
    paths: z
      .number({ error: "must be a number" })
      .int({ error: "must be a whole number" })
      .min(0, { error: "must be >= 0 (0 skips Monte Carlo)" })
      .max(MAX_PATHS, { error: `must be at most ${MAX_PATHS}` })
      .default(200),
    horizonDays: z
      .number({ error: "must be a number" })
      .int({ error: "must be a whole number of days" })
      .min(1)
      .max(MAX_HORIZON_DAYS, { error: `must be at most ${MAX_HORIZON_DAYS} days` })
      .default(30),
    windows: z
      .array(z.string(), { error: 'must be a list of window ids, ["all"] or ["none"]' })
      .default(["all"])
      .superRefine((ws, ctx) => {
        const valid = [...STRESS_WINDOW_IDS, "all", "none"] as string[];
        ws.forEach((w, i) => {
          if (!valid.includes(w)) {
            ctx.addIssue({
              code: "custom",
              path: [i],
              message: `unknown window "${w}"; valid: ${valid.join(", ")}`,
            });
          }
        });
        if (ws.length > 1 && (ws.includes("all") || ws.includes("none"))) {
          ctx.addIssue({ code: "custom", message: '"all" and "none" must be given alone' });
        }
      }),
    seed: z
      .number({ error: "must be a number" })
      .int({ error: "must be a whole number" })
      .min(0)
      .max(Number.MAX_SAFE_INTEGER)
      .default(1),
    population: populationSchema.optional(),
    frontier: frontierSchema.default({
      parameter: "shockMultiplier",
      values: [0.5, 0.75, 1, 1.25, 1.5, 2],
      base: "proposed",
    }),
    /** Vol-spike grid from the last day of data (null: none). */
    volSpikes: z
      .strictObject({
        spotShocks: z.array(z.number().gt(-1).lte(10)).min(1).max(10),
        volMultipliers: z.array(z.number().gt(0).lte(21)).min(1).max(10),
      })
      .nullable()
      .default({ spotShocks: [-0.2, -0.4], volMultipliers: [1.5, 2.5] }),
    /** User shock paths (shock-paths.ts format), e.g. [{"name": "crash", "steps": [{"day": 1, "spotShock": -0.4, "volShock": 1}]}]. */
    shockPaths: z.array(z.unknown()).max(50).default([]),
    /** Sub-steps at the day's high and low on crash days of named windows. */
    intraday: z.enum(["crash-days", "none"]).default("crash-days"),
    /** Sampling of the rolling history (7: weekly cohorts). */
    rollingStepDays: z.number().int().min(1).max(30).default(7),
    monteCarloModels: z
      .array(z.enum(["garch", "jump-diffusion"]))
      .min(1)
      .max(2)
      .default(["garch", "jump-diffusion"]),
    /** Insurance fund per path: an absolute USD amount, or a share of the live set's initial margin today. */
    insuranceFund: z
      .strictObject({
        usd: z.number().min(0).max(1e13).optional(),
        fractionOfInitialMargin: z.number().min(0).max(10).default(0.1),
      })
      .default({ fractionOfInitialMargin: 0.1 }),
    /** Target confidence of the margin backtest (Kupiec test). */
    backtestConfidence: z.number().gt(0.5).lt(1).default(0.99),
  })
  .superRefine((inp, ctx) => {
    for (const side of ["live", "proposed"] as const) {
      try {
        parseParamSet(inp[side]);
      } catch (e) {
        if (!(e instanceof EngineError)) throw e;
        ctx.addIssue({ code: "custom", path: [side, ...e.path], message: e.reason });
      }
    }
    inp.shockPaths.forEach((s, k) => {
      try {
        parseShockPath(s);
      } catch (e) {
        if (!(e instanceof ShockPathError)) throw e;
        const first = e.issues[0]!;
        ctx.addIssue({ code: "custom", path: ["shockPaths", k], message: `${first.path}: ${first.message}` });
      }
    });
    const pop = inp.population;
    if (pop?.accounts && pop.csv !== undefined) {
      ctx.addIssue({ code: "custom", path: ["population"], message: "give accounts or csv, not both" });
    }
    try {
      if (pop?.accounts) parsePopulationJson({ accounts: pop.accounts }, { source: "population" });
      if (pop?.csv !== undefined) parsePopulationCsv(pop.csv, { source: "population.csv" });
    } catch (e) {
      if (!(e instanceof PopulationError)) throw e;
      ctx.addIssue({ code: "custom", path: ["population"], message: e.message });
    }
  });

export type SimulationInputs = z.output<typeof simulationInputsSchema>;
export type SimulationInputsInput = z.input<typeof simulationInputsSchema>;

export class SimulationInputError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
    this.name = "SimulationInputError";
  }
}

/** Validate inputs; the error names the first bad field. */
export function parseSimulationInputs(value: unknown): SimulationInputs {
  const r = simulationInputsSchema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const path = issue.path.map((p) => (typeof p === "symbol" ? String(p) : p));
  if (issue.code === "unrecognized_keys") {
    throw new SimulationInputError(
      formatPath([...path, (issue as { keys: string[] }).keys[0] ?? "?"]),
      "unknown field",
    );
  }
  throw new SimulationInputError(formatPath(path), issue.message);
}

/** The window ids a run simulates, in the canonical order. */
export function selectedWindows(inputs: SimulationInputs): string[] {
  if (inputs.windows.includes("none")) return [];
  if (inputs.windows.includes("all")) return [...STRESS_WINDOW_IDS];
  return STRESS_WINDOW_IDS.filter((w) => inputs.windows.includes(w));
}

/** sha256 of the canonical JSON of the validated inputs (defaults filled in). */
export function simulationInputsHash(inputs: SimulationInputsInput | SimulationInputs): string {
  return hashCanonical(parseSimulationInputs(inputs));
}
