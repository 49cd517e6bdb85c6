/**
 * Parameter sets as the simulation runs them: resolved through the model registry (a partial set is
 * merged onto its model's defaults), with the liquidation settings and collateral haircuts the
 * simulation applies, and the margin stepper (span-grid fast path, any other model generically).
 * Frontier points are derived sets: a multiplier on every shock, or one numeric field set to a value.
 */
import { haircutOf as engineHaircut } from "../engine/bind-portfolio.ts";
import { liquidationSettings } from "../liquidation/liquidation-settings.ts";
import { jointDailyReturns } from "../market/history.ts";
import { addDays } from "../market/iso-day.ts";
import { parseParamSet } from "../models/registry.ts";
import { getAtPath, setAtPath } from "../models/resolve-params.ts";
import type { SpanGridParams } from "../models/span-grid/params.ts";
import { volRegimeActive } from "../models/span-grid/vol-regime.ts";
import { genericStepper, spanGridStepper } from "./margin-stepper.ts";
import type { SetRuntime } from "./run-path.ts";

/** A resolved parameter set as JSON: `{"model": id, ...every field}`. */
export type ResolvedSetJson = { model: string } & Record<string, unknown>;

export function resolveSet(json: unknown): ResolvedSetJson {
  const { model, params } = parseParamSet(json);
  return { model: model.id, ...(params as Record<string, unknown>) };
}

export function setRuntime(json: ResolvedSetJson): SetRuntime {
  const { model, params } = parseParamSet(json);
  const { settings } = liquidationSettings(params);
  if (model.id === "span-grid") {
    const p = params as SpanGridParams;
    return {
      settings,
      // A vol regime can shrink the range down to its floor: screen with the smallest range it can take.
      screenRange:
        (p.scenarios ? Math.max(...p.scenarios.priceShocks.map(Math.abs)) : p.priceScanRange) *
          (volRegimeActive(p) ? Math.min(1, p.volRegimeFloor) : 1) || null,
      haircutOf: (asset) => engineHaircut(asset, p),
      makeStepper: ({ underlyings, cache, startDay }) =>
        spanGridStepper({
          params: p,
          underlyings,
          cache,
          ...(p.riskAddOn !== "none"
            ? {
                history: jointDailyReturns([...underlyings], {
                  days: p.varLookbackDays,
                  endDate: addDays(startDay, -1),
                }),
              }
            : {}),
        }),
    };
  }
  return {
    settings,
    screenRange: null,
    // Other models haircut collateral inside their own margin computation: the book holds it whole.
    haircutOf: () => 0,
    makeStepper: () => genericStepper({ model, params }),
  };
}

/** Fields a shock multiplier scales, with their upper bounds (the schema's). */
const SHOCK_FIELDS: ReadonlyArray<[keyof SpanGridParams, number]> = [
  ["priceScanRange", 1],
  ["volShockUp", 5],
  ["volShockDown", 1],
];

/**
 * The set `base` with the frontier parameter at `value`: "shockMultiplier" multiplies the price scan
 * range and both vol shocks (and an explicit scenario list) by value, each capped at its bound;
 * any other name must be a numeric field of the model (a dotted path in a nested set), set to value
 * (validated by the model).
 */
export function frontierSet(base: ResolvedSetJson, parameter: string, value: number): ResolvedSetJson {
  if (parameter === "shockMultiplier") {
    if (base.model !== "span-grid") {
      throw new Error(
        `frontier: shockMultiplier applies to span-grid sets; this set's model is ${base.model}`,
      );
    }
    const out: Record<string, unknown> = { ...base };
    for (const [f, max] of SHOCK_FIELDS) out[f] = Math.min(max, (base[f] as number) * value);
    const sc = base.scenarios as { priceShocks: number[]; volShocks: number[] } | null;
    if (sc) {
      out.scenarios = {
        priceShocks: sc.priceShocks.map((p) => Math.max(-0.999, Math.min(10, p * value))),
        volShocks: sc.volShocks.map((v) => Math.max(-1, Math.min(10, v * value))),
      };
    }
    return resolveSet(out);
  }
  // A nested model's fields are dotted paths (derive-pm2's `margin.mmFactor`).
  if (typeof getAtPath(base, parameter) !== "number") {
    throw new Error(`frontier: ${parameter} is not a numeric field of the ${base.model} parameter set`);
  }
  const out = structuredClone(base);
  setAtPath(out, parameter, value);
  return resolveSet(out);
}
