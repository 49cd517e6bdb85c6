/**
 * Per-unit margin coefficients of every instrument in a universe, computed once so the per-account
 * pass is multiply-adds by index: contingencies, standard margin for a unit long and a unit short,
 * and the mark value a unit adds to equity.
 */
import type { InstrumentTable } from "./instrument-table.ts";
import { refillableArray } from "./refillable-array.ts";
import type { RiskArray } from "./risk-array.ts";
import { type StandardMarginParams, standardMarginPerUnit } from "./standard-margin.ts";

export type ContingencyParams = { shortOptionMinFraction: number; linearContingencyFraction: number };

export type InstrumentCoefficients = {
  /** Charged per unit net short option: shortOptionMinFraction x spot. */
  shortOptionMin: Float64Array;
  /** Charged per unit of |net qty| of perps and futures: linearContingencyFraction x spot. */
  linearContingency: Float64Array;
  standardLong: Float64Array;
  standardShort: Float64Array;
  /**
   * Value a unit adds to equity: option mark, spot for collateral holdings; 0 for perps and futures,
   * whose entry price is not known here (their moves from now on are what the scenarios price).
   */
  mark: Float64Array;
};

export function instrumentCoefficients(args: {
  table: InstrumentTable;
  riskArray: RiskArray;
  params: ContingencyParams & StandardMarginParams;
  /** Coefficients no longer needed (a simulated path's previous step): their arrays are refilled. */
  reuse?: InstrumentCoefficients | undefined;
}): InstrumentCoefficients {
  const { table, riskArray, params } = args;
  const n = table.count;
  const previous = args.reuse;
  const c: InstrumentCoefficients = {
    shortOptionMin: refillableArray(Float64Array, n, previous?.shortOptionMin),
    linearContingency: refillableArray(Float64Array, n, previous?.linearContingency),
    standardLong: refillableArray(Float64Array, n, previous?.standardLong),
    standardShort: refillableArray(Float64Array, n, previous?.standardShort),
    mark: refillableArray(Float64Array, n, previous?.mark),
  };
  for (let i = 0; i < n; i++) {
    const instrument = table.instruments[i]!;
    const spot = table.spot[i]!;
    const mark = riskArray.value[i]!;
    // Every slot is written (a reused array holds the previous step's figures).
    c.shortOptionMin[i] = instrument.type === "option" ? params.shortOptionMinFraction * spot : 0;
    c.mark[i] = instrument.type === "option" ? mark : instrument.type === "spot" ? spot : 0;
    c.linearContingency[i] =
      instrument.type === "perp" || instrument.type === "future"
        ? params.linearContingencyFraction * spot
        : 0;
    c.standardLong[i] = standardMarginPerUnit({ instrument, spot, mark, qty: 1, params });
    c.standardShort[i] = standardMarginPerUnit({ instrument, spot, mark, qty: -1, params });
  }
  return c;
}
