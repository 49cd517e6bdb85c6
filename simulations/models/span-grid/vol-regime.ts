/**
 * Vol-regime scaling of the span-grid's price shocks, with the anti-procyclicality (APC) tools
 * clearinghouses use (EMIR RTS 153/2013 art. 28: a buffer released in stress, a floor from a long
 * lookback). Per underlying, with implied vol v and reference v_ref:
 *   regime = clamp((v / v_ref)^power, floor, cap)
 *   buffer = 1 + b x clamp(2 - v / v_ref, 0, 1)      (full below the reference, gone at twice it)
 *   price shock -> price shock x regime x buffer,     spot never below zero.
 * With power 0 and no buffer (the defaults) the grid is unchanged. The floor is a multiple of the
 * calibrated scan range (itself set from a long lookback), so a calm spell cannot shrink margin below
 * it; the cap keeps a vol spike from asking for more than a multiple of it.
 */
import type { ScenarioSet } from "../../margin/scenario-set.ts";
import type { SpanGridParams } from "./params.ts";

export type VolRegimeParams = Pick<
  SpanGridParams,
  "volRegimePower" | "volRegimeReferenceVol" | "volRegimeFloor" | "volRegimeCap" | "volRegimeStressBuffer"
>;

/** The factor on price shocks at implied vol `vol`. */
export function volRegimeFactor(params: VolRegimeParams, vol: number): number {
  const x = vol / params.volRegimeReferenceVol;
  const regime =
    params.volRegimePower === 0
      ? 1
      : Math.min(params.volRegimeCap, Math.max(params.volRegimeFloor, x ** params.volRegimePower));
  const buffer = 1 + params.volRegimeStressBuffer * Math.min(1, Math.max(0, 2 - x));
  return regime * buffer;
}

export function volRegimeActive(params: VolRegimeParams): boolean {
  return params.volRegimePower !== 0 || params.volRegimeStressBuffer !== 0;
}

/**
 * The scenario set with every underlying's spot moves scaled by its factor (vols: the underlyings'
 * implied vols in the set's order). Returns the set itself when scaling is off.
 */
export function applyVolRegime(args: {
  scenarios: ScenarioSet;
  params: VolRegimeParams;
  vols: ArrayLike<number>;
}): ScenarioSet {
  const { scenarios, params, vols } = args;
  if (!volRegimeActive(params)) return scenarios;
  const S = scenarios.count;
  const spotFactor = new Float64Array(scenarios.spotFactor.length);
  for (let u = 0; u < scenarios.underlyings.length; u++) {
    const k = volRegimeFactor(params, vols[u]!);
    for (let s = 0; s < S; s++) {
      const move = scenarios.spotFactor[u * S + s]! - 1;
      spotFactor[u * S + s] = Math.max(0, 1 + move * k);
    }
  }
  return { ...scenarios, spotFactor };
}
