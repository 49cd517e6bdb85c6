/**
 * What one path produces for one parameter set: sums over its accounts and steps, and per-step
 * series for charts. Plain numbers and arrays only (it crosses worker threads and is merged in
 * task order, so a run gives the same report for any number of threads).
 */
export type PathSetResult = {
  /** Population at the first step. */
  startInitial: number;
  startMaintenance: number;
  startStandard: number;
  startEquity: number;
  /** Per archetype (ARCHETYPES order): initial and standard margin at the first step. */
  startInitialByArchetype: number[];
  startStandardByArchetype: number[];
  accounts: number;
  accountsLiquidated: number;
  liquidationEvents: number;
  accountsInsolvent: number;
  badDebt: number;
  penalty: number;
  slippage: number;
  notionalClosed: number;
  /** Margin backtest: account-steps observed, and those whose one-step loss exceeded initial margin held. */
  observations: number;
  breaches: number;
  /** Per step. */
  initial: number[];
  equity: number[];
  liquidations: number[];
  badDebtStep: number[];
  /** Largest liquidation price impact of the step (relative, over underlyings). */
  maxImpact: number[];
};
