/**
 * What one path produces for one parameter set: sums over its accounts and steps, per-account flags
 * (so a group of paths can count distinct accounts), and per-step series for charts. Plain numbers,
 * arrays and typed arrays only (it crosses worker threads by structured clone and is merged in task
 * order, so a run gives the same report for any number of threads).
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
  /** Accounts liquidated at least once on this path (each counted once). */
  accountsLiquidated: number;
  liquidationEvents: number;
  /** Accounts that ended insolvent on this path (each counted once). */
  accountsInsolvent: number;
  /** Per account: bit ACCOUNT_LIQUIDATED, ACCOUNT_INSOLVENT, ACCOUNT_BREACHED (see below). */
  accountFlags: Uint8Array;
  badDebt: number;
  penalty: number;
  slippage: number;
  notionalClosed: number;
  /** Margin backtest: account-steps observed, and those whose one-step loss exceeded initial margin held. */
  observations: number;
  breaches: number;
  /**
   * Christoffersen transitions between consecutive observations of the same account on this path
   * (n01: no breach then breach); a liquidation in between breaks the account's sequence.
   */
  transitions: { n00: number; n01: number; n10: number; n11: number };
  /** Per account: its first and last observation on the path (0 / 1 breach), -1 when never observed. */
  firstHit: Int8Array;
  lastHit: Int8Array;
  /** Per step. */
  initial: number[];
  equity: number[];
  liquidations: number[];
  badDebtStep: number[];
  /** Largest liquidation price impact of the step (relative, over underlyings). */
  maxImpact: number[];
};

export const ACCOUNT_LIQUIDATED = 1;
export const ACCOUNT_INSOLVENT = 2;
export const ACCOUNT_BREACHED = 4;
