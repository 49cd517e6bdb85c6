/**
 * What every number of the report means, in one sentence each, so the UI and the Snapshot body can
 * show the words next to the number. Keys are the field names used throughout the report.
 */
export const METRIC_DESCRIPTIONS: Readonly<Record<string, string>> = {
  totalInitialMargin:
    "Initial margin the protocol demands from the population when positions are opened (USD), summed over the scenario groups simulated; within a group of many paths or weekly cohorts, their average.",
  totalStandardMargin:
    "The same population under standard per-position margin (no offsets), the baseline of capital efficiency (USD).",
  marginRatio:
    "totalInitialMargin / totalStandardMargin: below 1, portfolio margin frees capital compared with per-position margin.",
  accountsLiquidated:
    "Accounts liquidated at least once, summed over paths (an account liquidated on two Monte Carlo paths counts twice; weekly cohorts count account-weeks).",
  liquidationEvents: "Liquidations (partial closes, each unwind start, auctions), summed over paths.",
  accountsInsolvent:
    "Accounts whose equity went below zero after liquidation, leaving bad debt, summed over paths.",
  badDebt:
    "Negative equity left after liquidation (USD), summed over paths: first paid by the insurance fund, then socialized.",
  breaches:
    "Margin backtest exceptions: account-steps whose loss over the step (the liquidation horizon: a day, a sub-day step on crash days, a week for the rolling history) exceeded the initial margin held at its start.",
  observations: "Account-steps in the margin backtest.",
  coverage:
    "1 - breaches / observations: the share of account-steps whose loss stayed within the initial margin held.",
  kupiec:
    "Kupiec proportion-of-failures test of the breach rate against 1 - target confidence: LR statistic, p-value, and reject = true when the breach count is inconsistent with the target at 5%. Account-steps on the same day are not independent, so treat the p-value as indicative.",
  penaltyPaid: "Liquidation penalties paid by liquidated accounts to liquidators (USD).",
  slippageCost:
    "Execution costs of liquidations: square-root market impact on the price plus the option spread, or the auction discount above the penalty (USD).",
  notionalClosed: "Notional of positions closed by liquidations (USD).",
  meanBadDebtPerPath:
    "badDebt / paths: the bad debt of one path on average (one window, one weekly cohort or one 30-day Monte Carlo scenario), comparable across groups of different sizes (USD).",
  insuranceFund:
    "Insurance fund per path: its size, the largest drawdown on any path, bad debt beyond it (socialized loss), and on Monte Carlo paths the probability that bad debt exceeds it.",
  protocolLossEs99:
    "99% Expected Shortfall of bad debt per Monte Carlo path: the average of the worst 1% of paths (USD).",
  worstDay: "The single step with the most bad debt, with its path and date.",
  procyclicality:
    "Aggregate initial margin of accounts still open at the stress peak divided by the same at the start of the window (calm): above 1, margin calls grow into the crash.",
  paths: "Paths (or weekly cohorts) simulated in this group.",
};

export const REPORT_NOTES: Readonly<Record<string, string>> = {
  methodology: "docs/methodology.md explains every model, metric and test of this report, and their limits.",
  collateral:
    "Each account holds collateral equal to its initial margin under the parameter set tested times its own buffer (the same buffers for both sets), so a set that demands more margin locks more capital and leaves fewer accounts short.",
  impliedVol:
    "Implied vol is Deribit DVOL from 2021-03-24; before that (2018-2021 windows, Black Thursday) it is a proxy from EWMA realized vol calibrated on the DVOL overlap (see impliedVolProxy for its fit).",
};
