/**
 * Settings of the population generator, validated with zod; every field has a default, so `{}` is
 * the standard population. Sizes are lognormal around a median USD notional per archetype; the
 * collateral buffer (equity / initial margin when opened) is 1 + a lognormal excess, so many accounts
 * run close to the line and a long tail holds several times what is required.
 */
import { z } from "zod";
import { ARCHETYPES, type Archetype } from "./account-template.ts";

export const DEFAULT_ARCHETYPE_WEIGHTS: Record<Archetype, number> = {
  "market-maker": 0.15,
  hedger: 0.2,
  directional: 0.35,
  structure: 0.2,
  basis: 0.1,
};

/** Median gross notional per archetype in USD (lognormal median). */
export const DEFAULT_MEDIAN_SIZE_USD: Record<Archetype, number> = {
  "market-maker": 2_000_000,
  hedger: 250_000,
  directional: 50_000,
  structure: 150_000,
  basis: 1_000_000,
};

const weight = z.number({ error: "must be a number" }).min(0, { error: "must be >= 0" }).max(1000);

export const populationConfigShape = {
  weights: z
    .strictObject(
      Object.fromEntries(ARCHETYPES.map((a) => [a, weight.optional()])) as Record<
        Archetype,
        z.ZodOptional<typeof weight>
      >,
    )
    .default({}),
  /** Share of accounts trading each underlying (normalised). */
  underlyings: z
    .record(z.string().regex(/^[A-Z][A-Z0-9_]*$/, { error: "underlying symbols are upper case" }), weight)
    .default({ BTC: 0.6, ETH: 0.4 }),
  /** Multiplies every archetype's median size. */
  sizeScale: z.number().gt(0, { error: "must be > 0" }).max(1000).default(1),
  /** Sigma of log size (1.0: the 90th percentile account is 3.6x the median). */
  sizeSigma: z.number().min(0).max(3).default(1),
  /** Median of the collateral excess over initial margin (0.5: half of accounts hold < 1.5x). */
  bufferMedianExcess: z.number().gt(0).max(100).default(0.5),
  /** Sigma of log excess (1.2: about 28% of accounts hold less than 1.3x initial margin). */
  bufferSigma: z.number().min(0).max(5).default(1.2),
};

type ConfigLike = { weights: Partial<Record<Archetype, number>>; underlyings: Record<string, number> };

/** Weights must not all be zero. */
export function checkPopulationConfig(c: ConfigLike, ctx: z.RefinementCtx): void {
  const total = ARCHETYPES.reduce((s, a) => s + (c.weights[a] ?? DEFAULT_ARCHETYPE_WEIGHTS[a]), 0);
  if (!(total > 0)) ctx.addIssue({ code: "custom", path: ["weights"], message: "weights must not all be 0" });
  if (!(Object.values(c.underlyings).reduce((s, w) => s + w, 0) > 0)) {
    ctx.addIssue({ code: "custom", path: ["underlyings"], message: "underlying weights must not all be 0" });
  }
}

export const populationConfigSchema = z
  .strictObject(populationConfigShape)
  .superRefine(checkPopulationConfig);

export type PopulationConfig = z.output<typeof populationConfigSchema>;

/** Archetype weights with defaults filled in, normalised to sum 1. */
export function archetypeWeights(config: PopulationConfig): Record<Archetype, number> {
  const raw = Object.fromEntries(
    ARCHETYPES.map((a) => [a, config.weights[a] ?? DEFAULT_ARCHETYPE_WEIGHTS[a]]),
  ) as Record<Archetype, number>;
  const total = ARCHETYPES.reduce((s, a) => s + raw[a], 0);
  for (const a of ARCHETYPES) raw[a] /= total;
  return raw;
}
