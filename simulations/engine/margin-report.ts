/** The result of margining one portfolio: the shape `marginlab margin` prints (see issue 3). */
import type { Greeks, PositionGreeks } from "./position-greeks.ts";

export type ScenarioLoss = {
  priceShock: number;
  volShock: number;
  /** Loss multiplier of the scenario (1, or the coverage of a SPAN extreme move). */
  weight: number;
  /** Weighted loss of the whole portfolio (all underlyings moving together) in USD. */
  loss: number;
  byUnderlying: Record<string, number>;
};

export type RiskMeasure = {
  /** Plain historical simulation, USD (a loss; negative if even the tail gains). */
  historical: number | null;
  /** EWMA-filtered historical simulation, USD. */
  filtered: number | null;
  confidence: number;
  horizonDays: number;
  lookbackDays: number;
  observations: number;
  /** First and last day of the return window. */
  from: string | null;
  to: string | null;
  /** Why the measure could not be computed (e.g. no history for an underlying). */
  unavailable?: string;
};

export type CollateralReport = {
  holdings: Array<{
    asset: string;
    amount: number;
    priceUsd: number;
    haircut: number;
    valueUsd: number;
    haircutValueUsd: number;
  }>;
  valueUsd: number;
  haircutValueUsd: number;
};

export type AccountReport = {
  /** Collateral at haircut value + option marks (perps and futures carry no entry price here). */
  equity: number;
  initialExcess: number;
  maintenanceExcess: number;
  /** maintenance / equity: 1 or more means liquidatable; null when equity <= 0. */
  marginRatio: number | null;
  /** initial / equity; null when equity <= 0. */
  initialMarginRatio: number | null;
};

export type MarginReport = {
  model: string;
  asOf: string;
  positions: PositionGreeks[];
  greeks: Record<string, Greeks>;
  scenarioLosses: ScenarioLoss[];
  worstLoss: number;
  worstScenario: { priceShock: number; volShock: number; underlying?: string };
  portfolioMargin: { initial: number; maintenance: number; components: Record<string, number> };
  standardMargin: { initial: number; maintenance: number };
  var: RiskMeasure;
  es: RiskMeasure;
  collateral: CollateralReport;
  account: AccountReport;
};
