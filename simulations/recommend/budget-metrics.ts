/**
 * The one place the search reads a stress report: the figures its objective and insolvency budget
 * use, taken from one side of a live-vs-candidate report. Everything else in
 * `simulations/recommend/` works on `BudgetMetrics`, so when the report's metrics are renamed or
 * redefined only this adapter changes.
 *
 * The report's metrics (group-metrics.ts, engine revision 3): a named window is one path, so its
 * `badDebtMeanPerPath` is that window's bad debt; the side's `badDebtMonteCarloEs99` is the 99% ES of
 * bad debt across Monte Carlo paths; the side's `backtest` pools every account-step of the run. The margin is the population's initial margin
 * on the last day of data (the capital-efficiency snapshot): one moment, not a sum over windows.
 */
import type { SimulationReport } from "../simulation/run-simulation.ts";
import { NAMED_WINDOW_IDS } from "../simulation/simulation-inputs.ts";

export type BudgetMetrics = {
  /** Initial margin of the population on the last day of data, USD: what the objective minimises. */
  initialMarginUsd: number;
  /** Standard (per-position) margin of the same population then, USD: the efficiency reference. */
  standardMarginUsd: number;
  /** Insurance fund the run assumed, USD: the unit of budgets stated as a fraction of the fund. */
  insuranceFundUsd: number;
  /** Bad debt of each named window simulated (one replay per window), USD. */
  windowBadDebtUsd: Record<string, number>;
  /** Bad debt 99% ES across Monte Carlo paths (mean of the worst 1% of paths), USD; null without paths. */
  monteCarloBadDebtEs99Usd: number | null;
  /** Share of account-days on which margin covered the next day's loss (every scenario group). */
  coverage: number;
  /** Account-days observed and breaches among them (the backtest's counts). */
  observations: number;
  breaches: number;
  /**
   * Kupiec's proportion-of-failures test rejects at 5% because breaches are too MANY (the one-sided
   * question a risk committee asks; too few breaches cost capital, which the objective already sees).
   */
  tooManyBreaches: boolean;
  kupiecPValue: number | null;
};

/** Window ids whose bad debt a budget can limit (the named crashes; not the rolling history). */
export const BUDGET_WINDOW_IDS: readonly string[] = NAMED_WINDOW_IDS;

/** The figures of one side of a live-vs-candidate report (the candidate is `proposed`). */
export function budgetMetrics(
  report: SimulationReport,
  which: "live" | "proposed" = "proposed",
): BudgetMetrics {
  const side = report.results[which];
  const windowBadDebtUsd: Record<string, number> = {};
  for (const id of BUDGET_WINDOW_IDS) {
    const w = side.windows[id];
    if (w) windowBadDebtUsd[id] = w.badDebtMeanPerPath;
  }
  const bt = side.backtest;
  const k = bt.kupiec;
  return {
    initialMarginUsd: report.capitalEfficiency[which].totalInitialMargin,
    standardMarginUsd: report.capitalEfficiency[which].totalStandardMargin,
    insuranceFundUsd: report.scenarios.insuranceFundUsd as number,
    windowBadDebtUsd,
    monteCarloBadDebtEs99Usd: side.badDebtMonteCarloEs99,
    coverage: bt.coverage,
    observations: bt.accountStepsObserved,
    breaches: bt.accountStepsBreached,
    tooManyBreaches: k?.reject === true && k.observedRate > k.expectedRate,
    kupiecPValue: k?.pValue ?? null,
  };
}
