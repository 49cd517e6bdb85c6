/**
 * User-defined shock paths and vol-spike scenarios, validated with zod.
 *
 * A shock path is a list of steps `{ day, spotShock, volShock, symbols? }`:
 * - `spotShock` is the relative move of spot on that day from the previous day's close
 *   (-0.4 = a 40% fall in one day); moves compound over days;
 * - `volShock` is the relative change of implied vol on that day (1.0 = vol doubles, "+100%"), the
 *   same relative convention as the margin engine's scenario vol shocks;
 * - `symbols` limits the step to some underlyings (default: all of them).
 * Days without a step leave spot and vol unchanged, so after the last step the market stays at the
 * shocked level until the horizon. The input may be the object form or just the array of steps,
 * e.g. `[{ "day": 1, "spotShock": -0.4, "volShock": 1.0 }]`.
 */
import { z } from "zod";
import type { ScenarioPaths } from "./scenario-paths.ts";

export const MAX_SHOCK_HORIZON_DAYS = 3650;

export const ZShockStep = z
  .object({
    day: z
      .number({ error: "must be a number (whole days after the start)" })
      .int({ error: "must be a whole number of days" })
      .min(1, { error: "must be at least 1 (day 0 is the unshocked start)" })
      .max(MAX_SHOCK_HORIZON_DAYS, { error: `must be at most ${MAX_SHOCK_HORIZON_DAYS}` }),
    spotShock: z
      .number({ error: "must be a finite number (relative move, -0.4 = -40%)" })
      .gt(-1, { error: "must be greater than -1 (a fall of 100% or more would make spot zero or negative)" })
      .lte(10, { error: "must be at most 10 (+1000% in a day)" }),
    volShock: z
      .number({ error: "must be a finite number (relative change, 1.0 = +100%)" })
      .gt(-1, { error: "must be greater than -1 (implied vol must stay positive)" })
      .lte(20, { error: "must be at most 20 (vol x21 in a day)" })
      .default(0),
    symbols: z
      .array(z.string().regex(/^[A-Za-z0-9]{1,20}$/, { error: "must be a symbol such as BTC" }))
      .min(1, { error: "must list at least one symbol, or be left out to shock all" })
      .optional(),
  })
  .strict();

export const ZShockPath = z
  .object({
    name: z.string().trim().min(1).max(120).optional(),
    horizonDays: z.number().int().min(1).max(MAX_SHOCK_HORIZON_DAYS).optional(),
    steps: z
      .array(ZShockStep)
      .min(1, { error: "must contain at least one step" })
      .max(MAX_SHOCK_HORIZON_DAYS),
  })
  .strict()
  .superRefine((p, ctx) => {
    const seen = new Map<string, number>();
    p.steps.forEach((s, i) => {
      for (const sym of s.symbols ?? ["*"]) {
        const key = `${s.day}|${sym.toUpperCase()}`;
        const prev = seen.get(key);
        if (prev !== undefined) {
          ctx.addIssue({
            code: "custom",
            path: ["steps", i, "day"],
            message: `day ${s.day} is already shocked by steps[${prev}] for ${sym === "*" ? "all symbols" : sym}; combine them into one step`,
          });
        }
        seen.set(key, i);
      }
      if (s.symbols === undefined) {
        for (const [key, j] of seen)
          if (j !== i && key.startsWith(`${s.day}|`)) {
            ctx.addIssue({
              code: "custom",
              path: ["steps", i, "day"],
              message: `day ${s.day} is also shocked by steps[${j}]; a step for all symbols cannot share its day`,
            });
            break;
          }
      }
    });
    const last = Math.max(...p.steps.map((s) => s.day));
    if (p.horizonDays !== undefined && p.horizonDays < last) {
      ctx.addIssue({
        code: "custom",
        path: ["horizonDays"],
        message: `must be at least the last shocked day (${last})`,
      });
    }
  });

export type ShockStep = z.infer<typeof ZShockStep>;
export type ShockPath = z.infer<typeof ZShockPath>;

export type ShockPathIssue = { path: string; message: string };

export class ShockPathError extends Error {
  readonly issues: ShockPathIssue[];

  constructor(source: string, issues: ShockPathIssue[]) {
    super(
      `invalid shock path${source ? ` in ${source}` : ""}: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`,
    );
    this.name = "ShockPathError";
    this.issues = issues;
  }
}

function formatPath(path: ReadonlyArray<PropertyKey>, root: string): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out || root;
}

/**
 * Validates one shock path (object form or bare array of steps). Errors name the field, e.g.
 * `steps[0].spotShock: must be greater than -1 ...`; `source` (a file name) prefixes the message.
 */
export function parseShockPath(input: unknown, opts: { source?: string } = {}): ShockPath {
  const bare = Array.isArray(input);
  const r = ZShockPath.safeParse(bare ? { steps: input } : input);
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => ({
    // For a bare array the user wrote `[0].spotShock`, not `steps[0].spotShock`.
    path: bare && i.path[0] === "steps" ? formatPath(i.path.slice(1), "steps") : formatPath(i.path, "(root)"),
    message: i.message,
  }));
  throw new ShockPathError(opts.source ?? "", issues);
}

/** The grid of one-day vol-spike scenarios: spot moves by s and vol is multiplied by m on `day`. */
export function volSpikeScenarios({
  spotShocks,
  volMultipliers,
  day = 1,
  horizonDays,
}: {
  spotShocks: number[];
  volMultipliers: number[];
  day?: number;
  horizonDays?: number;
}): ShockPath[] {
  if (spotShocks.length === 0 || volMultipliers.length === 0) {
    throw new Error("volSpikeScenarios: spotShocks and volMultipliers must not be empty");
  }
  const out: ShockPath[] = [];
  spotShocks.forEach((s, i) => {
    volMultipliers.forEach((m, j) => {
      if (!(m > 0) || !Number.isFinite(m))
        throw new Error(`volMultipliers[${j}] must be a positive number, got ${m}`);
      const pct = (x: number) => `${x >= 0 ? "+" : ""}${Math.round(x * 1000) / 10}%`;
      out.push(
        parseShockPath(
          {
            name: `spot ${pct(s)}, vol x${m}`,
            ...(horizonDays !== undefined ? { horizonDays } : {}),
            steps: [{ day, spotShock: s, volShock: m - 1 }],
          },
          { source: `volSpikeScenarios spotShocks[${i}] x volMultipliers[${j}]` },
        ),
      );
    });
  });
  return out;
}

/**
 * Turns validated shock paths into scenario paths (one path per shock path) from a start state.
 * The horizon is `horizonDays` if given, else the longest of the paths' own horizons / last days.
 */
export function buildShockPaths({
  scenarios,
  start,
  horizonDays,
}: {
  scenarios: ShockPath[];
  /** Start spot and implied vol per symbol, e.g. from marketStateOn(). */
  start: Record<string, { spot: number; iv: number }>;
  horizonDays?: number;
}): ScenarioPaths {
  const symbols = Object.keys(start);
  if (symbols.length === 0) throw new Error("buildShockPaths: start must hold at least one symbol");
  for (const s of symbols) {
    const st = start[s]!;
    if (!(st.spot > 0 && Number.isFinite(st.spot)))
      throw new Error(`start.${s}.spot must be a positive number, got ${st.spot}`);
    if (!(st.iv > 0 && Number.isFinite(st.iv)))
      throw new Error(`start.${s}.iv must be a positive number, got ${st.iv}`);
  }
  const known = new Map(symbols.map((s, i) => [s.toUpperCase(), i]));
  const own = scenarios.map((p) => p.horizonDays ?? Math.max(...p.steps.map((s) => s.day)));
  const H = horizonDays ?? Math.max(1, ...own);
  scenarios.forEach((p, k) => {
    const last = Math.max(...p.steps.map((s) => s.day));
    if (last > H) throw new Error(`scenarios[${k}] shocks day ${last}, beyond horizonDays ${H}`);
    p.steps.forEach((s, i) => {
      for (const sym of s.symbols ?? []) {
        if (!known.has(sym.toUpperCase())) {
          throw new Error(
            `scenarios[${k}].steps[${i}].symbols: unknown symbol ${sym}; start has ${symbols.join(", ")}`,
          );
        }
      }
    });
  });

  const stride = H + 1;
  const n = scenarios.length;
  const spot: Record<string, Float64Array> = {};
  const iv: Record<string, Float64Array> = {};
  for (const s of symbols) {
    spot[s] = new Float64Array(n * stride);
    iv[s] = new Float64Array(n * stride);
  }
  const spotMove = new Float64Array(stride * symbols.length).fill(1);
  const volMove = new Float64Array(stride * symbols.length).fill(1);
  scenarios.forEach((p, k) => {
    spotMove.fill(1);
    volMove.fill(1);
    for (const s of p.steps) {
      const targets = s.symbols
        ? s.symbols.map((x) => known.get(x.toUpperCase())!)
        : symbols.map((_, i) => i);
      for (const j of targets) {
        spotMove[j * stride + s.day] = 1 + s.spotShock;
        volMove[j * stride + s.day] = 1 + s.volShock;
      }
    }
    symbols.forEach((sym, j) => {
      const sp = spot[sym]!;
      const v = iv[sym]!;
      const base = k * stride;
      sp[base] = start[sym]!.spot;
      v[base] = start[sym]!.iv;
      for (let t = 1; t <= H; t++) {
        sp[base + t] = sp[base + t - 1]! * spotMove[j * stride + t]!;
        v[base + t] = v[base + t - 1]! * volMove[j * stride + t]!;
      }
    });
  });
  return {
    kind: "shock",
    symbols,
    paths: n,
    horizonDays: H,
    stride,
    spot,
    iv,
    labels: scenarios.map((p, k) => p.name ?? `shock path ${k + 1}`),
    pathStart: 0,
  };
}
