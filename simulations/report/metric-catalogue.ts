/**
 * Every metric of the report's `results`, once: its key (the field name), its name with percentile,
 * horizon and unit, its base (what it is measured over), a one-line definition and whether more is
 * better. The report's `descriptions`, the server's report view, the Snapshot proposal body, the
 * exports and docs/methodology.md (a test keeps it listing every key) all read this list, and
 * HEADLINE_METRICS is the one headline list they show.
 *
 * Texts may hold {horizon} (Monte Carlo horizon in days), {confidence} (the backtest's target, e.g.
 * 99%) and {asOf} (the day of the totals' margin): fillMetricText fills them from the report.
 */

export type MetricUnit = "usd" | "accounts" | "share" | "ratio" | "account-steps" | "paths" | "probability";

/** "lower": less is better for the protocol; "higher": more is better; "trade-off": neither (capital). */
export type MetricDirection = "lower" | "higher" | "trade-off";

/** Where the field is: the totals of a side (`results.live`), each scenario group (`windows[id]`), or both. */
export type MetricScope = "total" | "group" | "both";

export type MetricEntry = {
  key: string;
  name: string;
  unit: MetricUnit;
  base: string;
  definition: string;
  direction: MetricDirection;
  scope: MetricScope;
  /** Path inside the side's object when the field is nested (default: [key]). */
  path?: readonly string[];
};

export type MetricContext = {
  horizonDays: number;
  confidence: number;
  /** The day the totals' margin is measured on (initialMarginAsOf). */
  asOf?: string | null | undefined;
};

const e = (m: MetricEntry) => m;

export const METRIC_CATALOGUE: readonly MetricEntry[] = [
  // Capital: what the set costs.
  e({
    key: "totalInitialMargin",
    name: "Initial margin held",
    unit: "usd",
    base: "one moment: the whole population on {asOf} (a scenario group: at its first step), not a sum over windows or paths",
    definition:
      "Sum over accounts of the initial margin the set demands: the capital it locks. The totals' moment is the last day of market data, as in the capital-efficiency snapshot and the frontier.",
    direction: "trade-off",
    scope: "both",
  }),
  e({
    key: "totalStandardMargin",
    name: "Standard per-position margin",
    unit: "usd",
    base: "the same moment as the initial margin held ({asOf})",
    definition:
      "The same population under standard per-position margin (no offsets): the efficiency baseline.",
    direction: "trade-off",
    scope: "both",
  }),
  e({
    key: "marginRatio",
    name: "Portfolio / standard margin",
    unit: "ratio",
    base: "the same moment as the initial margin held ({asOf})",
    definition: "totalInitialMargin / totalStandardMargin: below 1, portfolio margin frees capital.",
    direction: "trade-off",
    scope: "both",
  }),
  // Risk: bad debt, expected and tail.
  e({
    key: "badDebtMonteCarloMeanPerPath",
    name: "Expected bad debt over {horizon} days (Monte Carlo mean)",
    unit: "usd",
    base: "per Monte Carlo path of {horizon} days",
    definition:
      "The average over Monte Carlo paths of the bad debt (negative equity left after liquidation) on one path.",
    direction: "lower",
    scope: "total",
  }),
  e({
    key: "badDebtMonteCarloEs99",
    name: "Bad debt 99% ES over {horizon} days across Monte Carlo paths",
    unit: "usd",
    base: "per Monte Carlo path of {horizon} days",
    definition: "The average bad debt in the worst 1% of Monte Carlo paths (Expected Shortfall).",
    direction: "lower",
    scope: "total",
  }),
  e({
    key: "badDebtMonteCarloEs99ShareOfMargin",
    name: "Bad debt 99% ES over {horizon} days, share of margin held",
    unit: "share",
    base: "badDebtMonteCarloEs99 / totalInitialMargin of the same side",
    definition: "How much of the margin held the tail bad debt would consume.",
    direction: "lower",
    scope: "total",
  }),
  e({
    key: "badDebtMonteCarloEs99ShareOfFund",
    name: "Bad debt 99% ES over {horizon} days, share of the insurance fund",
    unit: "share",
    base: "badDebtMonteCarloEs99 / insurance fund size",
    definition: "Above 1, the tail bad debt exceeds the insurance fund and the rest is socialized.",
    direction: "lower",
    scope: "total",
  }),
  e({
    key: "probabilityBadDebtExceedsFund",
    name: "Probability bad debt exceeds the insurance fund over {horizon} days",
    unit: "probability",
    base: "share of Monte Carlo paths of {horizon} days",
    definition: "The share of Monte Carlo paths whose bad debt is larger than the insurance fund.",
    direction: "lower",
    scope: "total",
  }),
  e({
    key: "badDebtWorstWindow",
    name: "Bad debt in the worst historical window",
    unit: "usd",
    base: "one named crash window (36 days), the one with the most bad debt (badDebtWorstWindowId)",
    definition: "Bad debt left when the population is run through the worst of the named historical crashes.",
    direction: "lower",
    scope: "total",
  }),
  e({
    key: "badDebtWorstWindowShareOfMargin",
    name: "Bad debt in the worst historical window, share of margin held",
    unit: "share",
    base: "badDebtWorstWindow / initial margin at that window's first step",
    definition: "How much of the margin held at the window's start its bad debt would consume.",
    direction: "lower",
    scope: "total",
  }),
  e({
    key: "badDebtMeanPerWindow",
    name: "Bad debt per historical window (mean)",
    unit: "usd",
    base: "per named crash window: the mean over the named windows simulated",
    definition: "The average, over the named historical crash windows, of the bad debt left in one window.",
    direction: "lower",
    scope: "total",
  }),
  e({
    key: "badDebtMeanPerPath",
    name: "Bad debt per path (mean)",
    unit: "usd",
    base: "per path of the group: the window itself, one weekly cohort, one Monte Carlo or shock path",
    definition: "The average over the group's paths of the bad debt left on one path.",
    direction: "lower",
    scope: "group",
  }),
  e({
    key: "badDebtEs99AcrossPaths",
    name: "Bad debt 99% ES across the group's paths",
    unit: "usd",
    base: "per path of the group (null for a group of one path)",
    definition: "The average bad debt of the worst 1% of the group's paths.",
    direction: "lower",
    scope: "group",
  }),
  e({
    key: "badDebtMaxPerPath",
    name: "Bad debt on the worst path",
    unit: "usd",
    base: "per path of the group: the largest",
    definition: "The most bad debt left on any one path of the group.",
    direction: "lower",
    scope: "group",
  }),
  e({
    key: "badDebtSumOverPaths",
    name: "Bad debt summed over the group's paths",
    unit: "usd",
    base: "sum over the group's paths (each path a separate scenario: not a loss the protocol takes at once)",
    definition: "Kept to check the means against; compare groups with badDebtMeanPerPath.",
    direction: "lower",
    scope: "group",
  }),
  e({
    key: "badDebtMeanPerPathShareOfMargin",
    name: "Bad debt per path (mean), share of margin held",
    unit: "share",
    base: "badDebtMeanPerPath / the group's totalInitialMargin",
    definition:
      "How much of the margin held at the group's first step one path's bad debt consumes on average.",
    direction: "lower",
    scope: "group",
  }),
  e({
    key: "badDebtMaxPerPathShareOfFund",
    name: "Bad debt on the worst path, share of the insurance fund",
    unit: "share",
    base: "badDebtMaxPerPath / insurance fund size",
    definition: "Above 1, the worst path's bad debt exceeds the insurance fund.",
    direction: "lower",
    scope: "group",
  }),
  // Risk: accounts.
  e({
    key: "accountsInsolvent",
    name: "Accounts insolvent",
    unit: "accounts",
    base: "distinct accounts of the population, over every path of the scope (at most the accounts simulated)",
    definition:
      "Accounts whose equity went below zero after liquidation on at least one path, each counted once.",
    direction: "lower",
    scope: "both",
  }),
  e({
    key: "accountsInsolventShare",
    name: "Accounts insolvent, share of the population",
    unit: "share",
    base: "accountsInsolvent / accounts simulated",
    definition: "The share of the population that became insolvent on at least one path.",
    direction: "lower",
    scope: "both",
  }),
  e({
    key: "accountsInsolventMeanPerPath",
    name: "Accounts insolvent per path (mean)",
    unit: "accounts",
    base: "per path of the group",
    definition: "The average over the group's paths of the accounts that became insolvent on one path.",
    direction: "lower",
    scope: "group",
  }),
  e({
    key: "accountsLiquidated",
    name: "Accounts liquidated",
    unit: "accounts",
    base: "distinct accounts of the population, over every path of the scope (at most the accounts simulated)",
    definition: "Accounts liquidated at least once on at least one path, each counted once.",
    direction: "lower",
    scope: "both",
  }),
  e({
    key: "accountsLiquidatedShare",
    name: "Accounts liquidated, share of the population",
    unit: "share",
    base: "accountsLiquidated / accounts simulated",
    definition: "The share of the population liquidated on at least one path.",
    direction: "lower",
    scope: "both",
  }),
  e({
    key: "accountsLiquidatedMeanPerPath",
    name: "Accounts liquidated per path (mean)",
    unit: "accounts",
    base: "per path of the group",
    definition: "The average over the group's paths of the accounts liquidated on one path.",
    direction: "lower",
    scope: "group",
  }),
  e({
    key: "accountsLiquidatedP95AcrossPaths",
    name: "Accounts liquidated per path, 95th percentile",
    unit: "accounts",
    base: "per path of the group (null for a group of one path)",
    definition: "The accounts liquidated on one path, exceeded on only 5% of the group's paths.",
    direction: "lower",
    scope: "group",
  }),
  e({
    key: "liquidationsAtRisk95",
    name: "Liquidations at risk (95%) over {horizon} days",
    unit: "accounts",
    base: "per Monte Carlo path of {horizon} days",
    definition: "The accounts liquidated on one Monte Carlo path, exceeded on only 5% of paths.",
    direction: "lower",
    scope: "total",
  }),
  e({
    key: "liquidationEventsMeanPerPath",
    name: "Liquidation events per path (mean)",
    unit: "accounts",
    base: "per path of the group; an account can be liquidated several times (partial closes, unwind chunks, auctions)",
    definition: "The average over the group's paths of the liquidations on one path.",
    direction: "lower",
    scope: "group",
  }),
  e({
    key: "slippageCostMeanPerPath",
    name: "Liquidation execution cost per path (mean)",
    unit: "usd",
    base: "per path of the group",
    definition:
      "Market impact, option spread and auction discounts paid by liquidated accounts on one path, on average.",
    direction: "lower",
    scope: "group",
  }),
  e({
    key: "penaltyPaidMeanPerPath",
    name: "Liquidation penalties per path (mean)",
    unit: "usd",
    base: "per path of the group",
    definition: "Penalties paid by liquidated accounts to liquidators on one path, on average.",
    direction: "lower",
    scope: "group",
  }),
  e({
    key: "notionalClosedMeanPerPath",
    name: "Notional closed by liquidations per path (mean)",
    unit: "usd",
    base: "per path of the group",
    definition: "Notional of the positions liquidations closed on one path, on average.",
    direction: "lower",
    scope: "group",
  }),
  e({
    key: "socializedLossMeanPerPath",
    name: "Loss beyond the insurance fund per path (mean)",
    unit: "usd",
    base: "per path of the group; the fund is fresh on every path",
    definition: "Bad debt above the insurance fund on one path (socialized to other users), on average.",
    direction: "lower",
    scope: "group",
    path: ["insuranceFund", "socializedLossMeanPerPath"],
  }),
  // Backtest.
  e({
    key: "coverage",
    name: "Backtest coverage (target {confidence})",
    unit: "share",
    base: "account-steps: one account over one step (a day, a crash-day sub-step, a week for the weekly cohorts)",
    definition:
      "The share of account-steps whose loss stayed within the initial margin held at the step's start.",
    direction: "higher",
    scope: "both",
  }),
  e({
    key: "accountsBreached",
    name: "Accounts with a margin breach",
    unit: "accounts",
    base: "distinct accounts of the population, over every path of the scope",
    definition: "Accounts whose one-step loss exceeded the initial margin they held at least once.",
    direction: "lower",
    scope: "both",
  }),
  e({
    key: "accountsBreachedShare",
    name: "Accounts with a margin breach, share of the population",
    unit: "share",
    base: "accountsBreached / accounts simulated",
    definition: "The share of the population breached at least once.",
    direction: "lower",
    scope: "both",
  }),
  e({
    key: "accountStepsBreached",
    name: "Margin breaches (account-steps)",
    unit: "account-steps",
    base: "sum over accounts, steps and paths of the scope",
    definition: "Account-steps whose loss exceeded the initial margin held; compare with expectedBreaches.",
    direction: "lower",
    scope: "both",
    path: ["backtest", "accountStepsBreached"],
  }),
  e({
    key: "expectedBreaches",
    name: "Breaches expected at the target (account-steps)",
    unit: "account-steps",
    base: "account-steps observed x (1 - target confidence)",
    definition: "What a margin exactly at its claimed confidence would breach on the same observations.",
    direction: "trade-off",
    scope: "both",
    path: ["backtest", "expectedBreaches"],
  }),
];

/**
 * The report's headline, in reading order: the cost (margin held, efficiency), the risk in USD
 * (expected and tail over the Monte Carlo horizon, worst historical window), in accounts, and the
 * backtest. The report page, the Snapshot body and the exports show exactly these.
 */
export const HEADLINE_METRICS = [
  "totalInitialMargin",
  "marginRatio",
  "badDebtMonteCarloMeanPerPath",
  "badDebtMonteCarloEs99",
  "badDebtWorstWindow",
  "accountsInsolvent",
  "accountsLiquidated",
  "liquidationsAtRisk95",
  "coverage",
] as const;

const BY_KEY = new Map(METRIC_CATALOGUE.map((m) => [m.key, m]));

export function metricEntry(key: string): MetricEntry | undefined {
  return BY_KEY.get(key);
}

function pct(x: number): string {
  return `${Number((x * 100).toFixed(2))}%`;
}

/** The text with its placeholders filled: "Bad debt 99% ES over 30 days across Monte Carlo paths". */
export function fillMetricText(text: string, ctx: MetricContext): string {
  return text
    .replaceAll("{horizon}", String(ctx.horizonDays))
    .replaceAll("{confidence}", pct(ctx.confidence))
    .replaceAll("{asOf}", ctx.asOf ?? "the day stated by initialMarginAsOf");
}

export function metricName(key: string, ctx: MetricContext): string {
  const m = BY_KEY.get(key);
  return m ? fillMetricText(m.name, ctx) : key;
}

/** "Name (unit, base): definition", per key: the report's `descriptions`. */
export function metricDescriptions(ctx: MetricContext): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of METRIC_CATALOGUE) {
    out[m.key] =
      `${fillMetricText(m.name, ctx)} (${m.unit}; base: ${fillMetricText(m.base, ctx)}): ${fillMetricText(m.definition, ctx)}`;
  }
  return out;
}

/** A side's value of a metric (totals or a group), null when absent or not a finite number. */
export function metricValue(side: unknown, key: string): number | null {
  const path = BY_KEY.get(key)?.path ?? [key];
  let cur: unknown = side;
  for (const p of path) {
    if (typeof cur !== "object" || cur === null) return null;
    cur = (cur as Record<string, unknown>)[p];
  }
  return typeof cur === "number" && Number.isFinite(cur) ? cur : null;
}
