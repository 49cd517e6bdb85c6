/**
 * Margin of every account of a path at one step, under one parameter set, through the model
 * registry. The span-grid model takes the fast path: its scenario grid is built once per path, the
 * risk array once per step (each instrument priced once per scenario, shared by all accounts), and
 * the engine's `aggregateAccounts` kernel sums the accounts' rows. Any other registered model is
 * called account by account through its `compute` (correct for every model, much slower).
 */

import type { Position } from "../input/portfolio.ts";
import type { AccountBook } from "../margin/account-book.ts";
import {
  type AccountMargins,
  aggregateAccounts,
  instrumentGroups,
  type RiskAddOnSpec,
} from "../margin/aggregate-accounts.ts";
import { type InstrumentCoefficients, instrumentCoefficients } from "../margin/instrument-coefficients.ts";
import { buildRiskArray, type RiskArray } from "../margin/risk-array.ts";
import { scenarioGrid } from "../margin/scenario-grid.ts";
import type { ScenarioSet } from "../margin/scenario-set.ts";
import type { MarginModel } from "../models/registry.ts";
import type { SpanGridParams } from "../models/span-grid/params.ts";
import { applyVolRegime, volRegimeActive } from "../models/span-grid/vol-regime.ts";
import { historicalScenarioSet, type ReturnsMatrix } from "../risk/historical-scenarios.ts";
import { type CloseProfile, closeProfile } from "./close-profile.ts";
import type { StepMarket } from "./step-market.ts";
import type { StepTable } from "./step-table.ts";

export type MarginEvaluation = {
  initial: Float64Array;
  maintenance: Float64Array;
  standardInitial: Float64Array;
  /** Margin equity: stable cash + collateral at haircut value + option marks (perp P&L is settled to cash). */
  equity: Float64Array;
  /**
   * What scaling part of an account's book does to its initial margin: by default its derivatives
   * (partial liquidation), or the slots marked in `scaled` (an option roll).
   */
  profile(account: number, scaled?: Uint8Array): CloseProfile;
};

export type MarginStepper = {
  modelId: string;
  evaluate(args: {
    step: StepTable;
    market: StepMarket;
    book: AccountBook;
    isCollateral: Uint8Array;
    /**
     * The caller's arrays for the results (one account per book account), refilled at every step
     * instead of allocating new ones; the evaluation is then valid until the caller refills them.
     */
    into?: AccountMargins | undefined;
  }): MarginEvaluation;
};

function gridKey(p: SpanGridParams): string {
  return JSON.stringify([
    p.priceScanRange,
    p.priceScanSteps,
    p.volShockUp,
    p.volShockDown,
    p.volScanSteps,
    p.extremeMoveMultiple,
    p.extremeMoveCoverage,
    p.scenarios,
    p.horizonDays,
    p.volShockTenorPower,
    p.volShockTenorRefDays,
    p.volShockTenorFloorDays,
    p.volRegimePower,
    p.volRegimeReferenceVol,
    p.volRegimeFloor,
    p.volRegimeCap,
    p.volRegimeStressBuffer,
  ]);
}

/**
 * Risk arrays keyed by the grid-shaping parameters, so two parameter sets that differ only in
 * factors, contingencies or liquidation settings share one risk array per step (the step's stamp).
 * A new step refills the previous step's arrays (`spare`): a step's arrays, and the evaluations
 * that read them, are not used once the path has moved on to another table.
 */
export type RiskArrayCache = {
  stamp: number;
  /** This step's arrays by grid key (plus the step's vols under vol-regime scaling). */
  arrays: Map<string, { grid: string; array: RiskArray }>;
  /** Arrays of an earlier step by grid key, to refill. */
  spare: Map<string, RiskArray>;
};

export function createRiskArrayCache(): RiskArrayCache {
  return { stamp: -1, arrays: new Map(), spare: new Map() };
}

export function spanGridStepper(args: {
  params: SpanGridParams;
  underlyings: readonly string[];
  cache: RiskArrayCache;
  /** Daily returns for the VaR/ES add-on, ending before the path starts (needed if riskAddOn is set). */
  history?: ReturnsMatrix;
}): MarginStepper {
  const { params, cache } = args;
  const scenarios: ScenarioSet = scenarioGrid(params, args.underlyings);
  const key = gridKey(params);
  const regime = volRegimeActive(params);
  const addOnScenarios =
    params.riskAddOn === "none"
      ? null
      : (() => {
          if (!args.history) throw new Error(`the ${params.riskAddOn} add-on needs historical returns`);
          return historicalScenarioSet({
            history: args.history,
            underlyings: args.underlyings,
            horizonDays: params.varHorizonDays,
            filtered: params.riskAddOn.startsWith("filtered"),
            ewmaLambda: params.ewmaLambda,
          });
        })();
  // This set's coefficients of its latest evaluation, refilled by the next one (as risk arrays are).
  let spareCoefficients: InstrumentCoefficients | undefined;
  return {
    modelId: "span-grid",
    evaluate({ step, market, book, isCollateral, into }) {
      if (cache.stamp !== step.stamp) {
        cache.stamp = step.stamp;
        for (const { grid, array } of cache.arrays.values()) cache.spare.set(grid, array);
        cache.arrays.clear();
      }
      // With vol-regime scaling the grid follows each step's implied vols.
      const stepScenarios = regime ? applyVolRegime({ scenarios, params, vols: market.iv }) : scenarios;
      const stepKey = regime ? `${key}|${Array.from(market.iv).join(",")}` : key;
      let riskArray = cache.arrays.get(stepKey)?.array;
      if (!riskArray) {
        riskArray = buildRiskArray({
          table: step.table,
          scenarios: stepScenarios,
          horizonDays: params.horizonDays,
          volTenorScaling: {
            power: params.volShockTenorPower,
            refDays: params.volShockTenorRefDays,
            floorDays: params.volShockTenorFloorDays,
          },
          reuse: cache.spare.get(key),
        });
        cache.spare.delete(key);
        cache.arrays.set(stepKey, { grid: key, array: riskArray });
      }
      const coefficients = instrumentCoefficients({
        table: step.table,
        riskArray,
        params,
        reuse: spareCoefficients,
      });
      spareCoefficients = coefficients;
      let addOn: RiskAddOnSpec | undefined;
      if (addOnScenarios) {
        addOn = {
          riskArray: buildRiskArray({
            table: step.table,
            scenarios: addOnScenarios,
            horizonDays: params.varHorizonDays,
          }),
          measure: params.riskAddOn.endsWith("-es") ? "es" : "var",
          confidence: params.varConfidence,
          mode: params.riskAddOnMode,
        };
      }
      const m: AccountMargins = aggregateAccounts({
        table: step.table,
        riskArray,
        coefficients,
        book,
        aggregation: params.underlyingAggregation,
        mmFactor: params.mmFactor,
        standardMmFactor: params.standardMmFactor,
        ...(addOn ? { addOn } : {}),
        into,
      });
      const ra = riskArray;
      let groups: { groupOf: Int32Array; groups: number } | undefined;
      const groupsOf = () => {
        if (!groups) groups = instrumentGroups(step.table, params.underlyingAggregation);
        return groups;
      };
      return {
        initial: m.initial,
        maintenance: m.maintenance,
        standardInitial: m.standardInitial,
        equity: m.equity,
        profile: (a, scaled) =>
          closeProfile({
            account: a,
            book,
            table: step.table,
            riskArray: ra,
            coefficients,
            aggregation: params.underlyingAggregation,
            isCollateral,
            riskAddOn: m.riskAddOn[a]!,
            mmFactor: params.mmFactor,
            groups: groupsOf(),
            ...(scaled ? { scaled } : {}),
          }),
      };
    },
  };
}

/**
 * Any registered model, one `compute` call per account with the account as a portfolio: options and
 * perps as positions, stable cash and spot collateral as collateral. Partial liquidation scales the
 * initial margin of the derivatives pro rata (exact for a book without spot collateral).
 */
export function genericStepper(args: { model: MarginModel; params: unknown }): MarginStepper {
  const { model, params } = args;
  return {
    modelId: model.id,
    evaluate({ step, market, book, isCollateral, into }) {
      const n = book.accounts;
      const initial = into?.initial ?? new Float64Array(n);
      const maintenance = into?.maintenance ?? new Float64Array(n);
      const standardInitial = into?.standardInitial ?? new Float64Array(n);
      const equity = into?.equity ?? new Float64Array(n);
      const underlyings = Object.fromEntries(
        step.table.underlyings.map((u, k) => [u, { spot: market.spot[k]!, vol: market.iv[k]!, rate: 0 }]),
      );
      const asOf = new Date(market.timeMs).toISOString();
      const snapshot = { asOf, asOfMs: market.timeMs, underlyings };
      for (let a = 0; a < n; a++) {
        const positions: Position[] = [];
        const collateral = [{ asset: "USDC", amount: 0 }];
        let cash = book.cashUsd[a]!;
        for (let p = book.offsets[a]!; p < book.offsets[a + 1]!; p++) {
          const q = book.qty[p]!;
          if (q === 0) continue;
          const i = book.instrument[p]!;
          const instrument = step.table.instruments[i]!;
          if (isCollateral[p] === 1) collateral.push({ asset: instrument.underlying, amount: q });
          else if (instrument.type === "option" && step.table.years[i]! <= 0) cash += q * step.mark[i]!;
          else positions.push({ instrument, qty: q });
        }
        // The engine's portfolio takes non-negative collateral amounts; a negative cash balance (a
        // realised loss) enters as a short position in nothing: subtract it from equity afterwards.
        collateral[0]!.amount = Math.max(0, cash);
        const report = model.compute({ market: snapshot, portfolio: { collateral, positions }, params });
        initial[a] = report.portfolioMargin.initial;
        maintenance[a] = report.portfolioMargin.maintenance;
        standardInitial[a] = report.standardMargin.initial;
        equity[a] = report.account.equity + Math.min(0, cash);
      }
      return {
        initial,
        maintenance,
        standardInitial,
        equity,
        profile: (a) => ({
          groups: 0,
          scenarios: 0,
          derivative: new Float64Array(0),
          collateral: new Float64Array(0),
          contingency: initial[a]!,
          fixedContingency: 0,
          mmFactor: initial[a]! > 0 ? maintenance[a]! / initial[a]! : 1,
        }),
      };
    },
  };
}
