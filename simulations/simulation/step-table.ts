/**
 * Binds a path's instrument registry to the market of one step, as the engine's struct-of-arrays
 * InstrumentTable (so the engine's risk-array and aggregation kernels run on it unchanged), plus what
 * the simulation needs per row: Black-Scholes delta (for re-hedging and liquidation flow) and mark.
 * Expired options have years = 0 and are worth intrinsic; the path settles them before margining.
 *
 * A path rebuilds its tables every step and every cascade round: passing the table it no longer
 * needs as `reuse` refills its arrays in place, which keeps the simulation's garbage, and the
 * collector's work on the other core, small.
 */
import { type InstrumentTable, KIND_CALL, KIND_LINEAR, KIND_PUT } from "../margin/instrument-table.ts";
import { refillableArray } from "../margin/refillable-array.ts";
import {
  BS_CALL,
  BS_DELTA,
  BS_PRICE,
  BS_RATE,
  BS_SPOT,
  BS_STRIKE,
  BS_VOL,
  BS_YEARS,
  blackScholesInto,
} from "../pricing/black-scholes.ts";
import { MS_PER_YEAR } from "../pricing/year-fraction.ts";
import { type InstrumentRegistry, ROW_CALL, ROW_PUT } from "./instrument-registry.ts";
import type { StepMarket } from "./step-market.ts";

export type StepTable = {
  /** New at every build, refills included: what caches of per-step results compare. */
  stamp: number;
  table: InstrumentTable;
  /** dV/dS per unit (1 for perps and spot). */
  delta: Float64Array;
  /** Value per unit: option price, spot for perps and spot holdings. */
  mark: Float64Array;
};

let lastStamp = 0;

export function nextStepStamp(): number {
  lastStamp += 1;
  return lastStamp;
}

/** The table of `previous` with its arrays refilled at the registry's length (new arrays if none). */
function tableFor(registry: InstrumentRegistry, previous: StepTable | null | undefined): StepTable {
  const n = registry.instruments.length;
  const old = previous?.table;
  const out: StepTable = previous ?? {
    stamp: 0,
    table: {
      count: 0,
      underlyings: [...registry.underlyings],
      instruments: [],
      kind: new Uint8Array(0),
      underlying: new Int32Array(0),
      spot: new Float64Array(0),
      vol: new Float64Array(0),
      rate: new Float64Array(0),
      strike: new Float64Array(0),
      years: new Float64Array(0),
    },
    delta: new Float64Array(0),
    mark: new Float64Array(0),
  };
  // Rows are never removed or changed: a table of the same length lists the same instruments.
  if (old?.count === n) return out;
  out.table = {
    count: n,
    underlyings: out.table.underlyings,
    instruments: registry.instruments.slice(),
    kind: refillableArray(Uint8Array, n, old?.kind),
    underlying: refillableArray(Int32Array, n, old?.underlying),
    spot: refillableArray(Float64Array, n, old?.spot),
    vol: refillableArray(Float64Array, n, old?.vol),
    rate: refillableArray(Float64Array, n, old?.rate),
    strike: refillableArray(Float64Array, n, old?.strike),
    years: refillableArray(Float64Array, n, old?.years),
  };
  out.delta = refillableArray(Float64Array, n, previous?.delta);
  out.mark = refillableArray(Float64Array, n, previous?.mark);
  return out;
}

const bsArgs = new Float64Array(6);
const bsOut = new Float64Array(6);

export function buildStepTable(
  registry: InstrumentRegistry,
  market: StepMarket,
  reuse?: StepTable | null,
): StepTable {
  const n = registry.instruments.length;
  const out = tableFor(registry, reuse);
  out.stamp = nextStepStamp();
  const { table, delta, mark } = out;
  for (let i = 0; i < n; i++) {
    const u = registry.underlying[i]!;
    const k = registry.kind[i]!;
    const spot = market.spot[u]!;
    table.underlying[i] = u;
    table.spot[i] = spot;
    table.vol[i] = market.iv[u]!;
    table.rate[i] = 0;
    if (k === ROW_CALL || k === ROW_PUT) {
      const strike = registry.strike[i]!;
      const years = Math.max(0, (registry.expiryMs[i]! - market.timeMs) / MS_PER_YEAR);
      table.kind[i] = k === ROW_CALL ? KIND_CALL : KIND_PUT;
      table.strike[i] = strike;
      table.years[i] = years;
      bsArgs[BS_SPOT] = spot;
      bsArgs[BS_STRIKE] = strike;
      bsArgs[BS_YEARS] = years;
      bsArgs[BS_VOL] = market.iv[u]!;
      bsArgs[BS_RATE] = table.rate[i]!;
      bsArgs[BS_CALL] = k === ROW_CALL ? 1 : 0;
      blackScholesInto(bsArgs, bsOut);
      delta[i] = bsOut[BS_DELTA]!;
      mark[i] = bsOut[BS_PRICE]!;
    } else {
      table.kind[i] = KIND_LINEAR;
      table.strike[i] = 0;
      table.years[i] = 0;
      delta[i] = 1;
      mark[i] = spot;
    }
  }
  return out;
}
