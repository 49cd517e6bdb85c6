/**
 * The box a search samples: one dimension per searched field, each a grid from `lo` to `hi` in
 * steps of `step` (the search's resolution for that field), already narrowed by the steward's
 * limits and the per-proposal change cap. Candidates are points of the grid, held as integer grid
 * coordinates so that equal candidates have equal keys whatever produced them.
 */
import { setAtPath } from "../models/resolve-params.ts";
import { type ResolvedSetJson, resolveSet } from "../simulation/param-sets.ts";

export type SearchDimension = {
  path: string;
  label: string;
  unit: string;
  /** The searched range after limits and cap. */
  lo: number;
  hi: number;
  step: number;
  integer: boolean;
  live: number;
  /** The range the steward asked for, before limits and cap (a value at the cap that the range extends past marks a first step). */
  requested: { min: number; max: number };
};

/** Grid coordinate k of a dimension: lo + k step, capped at hi (the last cell may be shorter). */
export function gridSize(d: SearchDimension): number {
  return Math.ceil((d.hi - d.lo) / d.step - 1e-9);
}

export function gridValue(d: SearchDimension, k: number): number {
  if (k >= gridSize(d)) return d.hi;
  // Rounded to 12 significant digits so that 0.1 + 3 x 0.05 reads 0.25 in reports and keys.
  return Number((d.lo + k * d.step).toPrecision(12));
}

/** The grid coordinate nearest to a value (clamped into the box). */
export function gridIndex(d: SearchDimension, value: number): number {
  const n = gridSize(d);
  if (!(value > d.lo)) return 0;
  if (value >= d.hi) return n;
  return Math.min(n, Math.max(0, Math.round((value - d.lo) / d.step)));
}

/** A point of the unit cube mapped onto the grid. */
export function unitToGrid(dims: readonly SearchDimension[], u: ArrayLike<number>): number[] {
  return dims.map((d, j) => gridIndex(d, d.lo + (u[j] as number) * (d.hi - d.lo)));
}

export function gridKey(coords: readonly number[]): string {
  return coords.join(",");
}

/** The values of a candidate, keyed by field path. */
export function pointValues(
  dims: readonly SearchDimension[],
  coords: readonly number[],
): Record<string, number> {
  return Object.fromEntries(dims.map((d, j) => [d.path, gridValue(d, coords[j]!)]));
}

/** The base set with the candidate's values, every change applied together; throws if the model rejects it. */
export function candidateSet(base: ResolvedSetJson, values: Record<string, number>): ResolvedSetJson {
  const out = structuredClone(base) as Record<string, unknown>;
  for (const [path, v] of Object.entries(values)) setAtPath(out, path, v);
  return resolveSet(out);
}
