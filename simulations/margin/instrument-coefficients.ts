/**
 * Per-unit margin coefficients of every instrument in a universe, computed once so the per-account
 * pass is multiply-adds by index: contingencies, standard margin for a unit long and a unit short,
 * and the mark value a unit adds to equity.
 */
import type { InstrumentTable } from "./instrument-table.ts";
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
}): InstrumentCoefficients {
  const { table, riskArray, params } = args;
  const n = table.count;
  const c: InstrumentCoefficients = {
    shortOptionMin: new Float64Array(n),
    linearContingency: new Float64Array(n),
    standardLong: new Float64Array(n),
    standardShort: new Float64Array(n),
    mark: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const instrument = table.instruments[i]!;
    const spot = table.spot[i]!;
    const mark = riskArray.value[i]!;
    if (instrument.type === "option") {
      c.shortOptionMin[i] = params.shortOptionMinFraction * spot;
      c.mark[i] = mark;
    } else if (instrument.type === "spot") {
      c.mark[i] = spot;
    } else {
      c.linearContingency[i] = params.linearContingencyFraction * spot;
    }
    c.standardLong[i] = standardMarginPerUnit({ instrument, spot, mark, qty: 1, params });
    c.standardShort[i] = standardMarginPerUnit({ instrument, spot, mark, qty: -1, params });
  }
  return c;
}
