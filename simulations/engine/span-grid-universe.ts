/**
 * The two-stage API for many accounts (stress simulation over thousands of accounts):
 *   1. `buildSpanGridUniverse`: bind the distinct instruments to the market, generate the scenario
 *      grid, price each instrument once per scenario into the risk array, precompute per-unit
 *      contingencies and standard margin;
 *   2. `marginAccountBook`: aggregate any number of accounts (a CSR book of instrument indices and
 *      quantities) against it, with no allocation per account.
 */
import type { MarketSnapshot } from "../input/market-snapshot.ts";
import type { AccountBook } from "../margin/account-book.ts";
import { type AccountMargins, aggregateAccounts, type RiskAddOnSpec } from "../margin/aggregate-accounts.ts";
import { type InstrumentCoefficients, instrumentCoefficients } from "../margin/instrument-coefficients.ts";
import {
  buildInstrumentTable,
  type InstrumentTable,
  type UniverseEntry,
} from "../margin/instrument-table.ts";
import { buildRiskArray, type RiskArray } from "../margin/risk-array.ts";
import { scenarioGrid } from "../margin/scenario-grid.ts";
import type { ScenarioSet } from "../margin/scenario-set.ts";
import type { SpanGridParams } from "../models/span-grid/params.ts";
import { applyVolRegime } from "../models/span-grid/vol-regime.ts";

export type SpanGridUniverse = {
  params: SpanGridParams;
  table: InstrumentTable;
  scenarios: ScenarioSet;
  riskArray: RiskArray;
  coefficients: InstrumentCoefficients;
};

export function buildSpanGridUniverse(args: {
  market: MarketSnapshot;
  entries: readonly UniverseEntry[];
  params: SpanGridParams;
}): SpanGridUniverse {
  return spanGridUniverseOf(buildInstrumentTable({ market: args.market, entries: args.entries }), args);
}

/** Stage 1 for instruments already bound to the market (one portfolio's, or a universe's). */
export function spanGridUniverseOf(
  table: InstrumentTable,
  { market, params }: { market: MarketSnapshot; params: SpanGridParams },
): SpanGridUniverse {
  // Vol-regime scaling of the price shocks (off by default; models/span-grid/vol-regime.ts).
  const scenarios = applyVolRegime({
    scenarios: scenarioGrid(params, table.underlyings),
    params,
    vols: table.underlyings.map((u) => market.underlyings[u]!.vol),
  });
  const riskArray = buildRiskArray({
    table,
    scenarios,
    horizonDays: params.horizonDays,
    volTenorScaling: {
      power: params.volShockTenorPower,
      refDays: params.volShockTenorRefDays,
      floorDays: params.volShockTenorFloorDays,
    },
  });
  const coefficients = instrumentCoefficients({ table, riskArray, params });
  return { params, table, scenarios, riskArray, coefficients };
}

export function marginAccountBook(args: {
  universe: SpanGridUniverse;
  book: AccountBook;
  addOn?: RiskAddOnSpec;
}): AccountMargins {
  const { universe, book, addOn } = args;
  return aggregateAccounts({
    table: universe.table,
    riskArray: universe.riskArray,
    coefficients: universe.coefficients,
    book,
    aggregation: universe.params.underlyingAggregation,
    mmFactor: universe.params.mmFactor,
    standardMmFactor: universe.params.standardMmFactor,
    ...(addOn ? { addOn } : {}),
  });
}
