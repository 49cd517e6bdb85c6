/**
 * The scenario grid of the span-grid model (CME SPAN, "Standard Portfolio Analysis of Risk"):
 * spot moves at 2n+1 evenly spaced levels across +-priceScanRange, each combined with 2m+1 vol levels
 * from -volShockDown to +volShockUp; plus two extreme moves (+-extremeMoveMultiple x range, vol
 * unchanged) whose losses count at `extremeMoveCoverage`. An explicit `scenarios` list replaces the
 * grid by the full cross product of its price and vol shocks.
 */
import type { SpanGridParams } from "../models/span-grid/params.ts";
import { type ScenarioSet, uniformScenarioSet } from "./scenario-set.ts";

export type GridParams = Pick<
  SpanGridParams,
  | "priceScanRange"
  | "priceScanSteps"
  | "volShockUp"
  | "volShockDown"
  | "volScanSteps"
  | "extremeMoveMultiple"
  | "extremeMoveCoverage"
  | "scenarios"
>;

/** Evenly spaced levels -down..0..+up with `steps` levels on each side (0 exactly in the middle). */
function levels(down: number, up: number, steps: number): number[] {
  const out: number[] = [];
  for (let k = steps; k >= 1; k--) out.push((-down * k) / steps);
  out.push(0);
  for (let k = 1; k <= steps; k++) out.push((up * k) / steps);
  return out;
}

export function scenarioGrid(params: GridParams, underlyings: readonly string[]): ScenarioSet {
  const priceShocks: number[] = [];
  const volShocks: number[] = [];
  const weights: number[] = [];
  if (params.scenarios) {
    for (const p of params.scenarios.priceShocks) {
      for (const v of params.scenarios.volShocks) {
        priceShocks.push(p);
        volShocks.push(v);
        weights.push(1);
      }
    }
  } else {
    const range = params.priceScanRange;
    const prices = levels(range, range, params.priceScanSteps);
    const vols = levels(params.volShockDown, params.volShockUp, params.volScanSteps);
    for (const p of prices) {
      for (const v of vols) {
        priceShocks.push(p);
        volShocks.push(v);
        weights.push(1);
      }
    }
    if (params.extremeMoveMultiple > 0 && params.extremeMoveCoverage > 0) {
      const x = params.extremeMoveMultiple * range;
      for (const p of [-x, x]) {
        priceShocks.push(p);
        volShocks.push(0);
        weights.push(params.extremeMoveCoverage);
      }
    }
  }
  return uniformScenarioSet({ underlyings, priceShocks, volShocks, weights });
}
