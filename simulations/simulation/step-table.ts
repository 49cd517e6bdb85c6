/**
 * Binds a path's instrument registry to the market of one step, as the engine's struct-of-arrays
 * InstrumentTable (so the engine's risk-array and aggregation kernels run on it unchanged), plus what
 * the simulation needs per row: Black-Scholes delta (for re-hedging and liquidation flow) and mark.
 * Expired options have years = 0 and are worth intrinsic; the path settles them before margining.
 */
import { type InstrumentTable, KIND_CALL, KIND_LINEAR, KIND_PUT } from "../margin/instrument-table.ts";
import { blackScholes } from "../pricing/black-scholes.ts";
import { MS_PER_YEAR } from "../pricing/year-fraction.ts";
import { type InstrumentRegistry, ROW_CALL, ROW_PUT } from "./instrument-registry.ts";
import type { StepMarket } from "./step-market.ts";

export type StepTable = {
  table: InstrumentTable;
  /** dV/dS per unit (1 for perps and spot). */
  delta: Float64Array;
  /** Value per unit: option price, spot for perps and spot holdings. */
  mark: Float64Array;
};

export function buildStepTable(registry: InstrumentRegistry, market: StepMarket): StepTable {
  const n = registry.instruments.length;
  const table: InstrumentTable = {
    count: n,
    underlyings: [...registry.underlyings],
    instruments: registry.instruments.slice(),
    kind: new Uint8Array(n),
    underlying: new Int32Array(n),
    spot: new Float64Array(n),
    vol: new Float64Array(n),
    rate: new Float64Array(n),
    strike: new Float64Array(n),
    years: new Float64Array(n),
  };
  const delta = new Float64Array(n);
  const mark = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const u = registry.underlying[i]!;
    const k = registry.kind[i]!;
    const spot = market.spot[u]!;
    table.underlying[i] = u;
    table.spot[i] = spot;
    table.vol[i] = market.iv[u]!;
    if (k === ROW_CALL || k === ROW_PUT) {
      const strike = registry.strike[i]!;
      const years = Math.max(0, (registry.expiryMs[i]! - market.timeMs) / MS_PER_YEAR);
      table.kind[i] = k === ROW_CALL ? KIND_CALL : KIND_PUT;
      table.strike[i] = strike;
      table.years[i] = years;
      const bs = blackScholes({
        spot,
        strike,
        years,
        vol: market.iv[u]!,
        rate: 0,
        kind: k === ROW_CALL ? "call" : "put",
      });
      delta[i] = bs.delta;
      mark[i] = bs.price;
    } else {
      table.kind[i] = KIND_LINEAR;
      delta[i] = 1;
      mark[i] = spot;
    }
  }
  return { table, delta, mark };
}
