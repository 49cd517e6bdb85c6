/**
 * The insolvency budget a recommended set must meet, and the check of one evaluation against it.
 * Every constraint reads `BudgetMetrics` (budget-metrics.ts), never the report itself.
 *
 * Violations are normalised so that constraints in different units can rank near-feasible
 * candidates: USD excess as a share of the insurance fund, missing coverage as a share of the
 * allowed breach rate, a Kupiec rejection by how far its p-value falls below 5%.
 */
import { z } from "zod";
import { NAMED_WINDOW_IDS } from "../simulation/simulation-inputs.ts";
import type { BudgetMetrics } from "./budget-metrics.ts";

const limitSchema = z.union(
  [
    z.strictObject({ usd: z.number({ error: "must be a number" }).min(0, { error: "must be >= 0" }) }),
    z.strictObject({
      fractionOfFund: z
        .number({ error: "must be a number" })
        .min(0, { error: "must be >= 0" })
        .max(100, { error: "must be at most 100 (times the insurance fund)" }),
    }),
  ],
  { error: 'must be {"usd": amount} or {"fractionOfFund": share of the insurance fund}' },
);
export type BudgetLimit = z.infer<typeof limitSchema>;

export const budgetSchema = z.strictObject({
  /** Bad debt of each named window at most `max` (by default every named window the evaluation replays). */
  windowBadDebt: z
    .strictObject({
      max: limitSchema,
      windows: z.array(z.enum(NAMED_WINDOW_IDS)).min(1, { error: "name at least one window" }).optional(),
    })
    .nullable()
    .optional(),
  /** Bad debt 99% ES across Monte Carlo paths at most `max`. */
  monteCarloBadDebtEs99: z.strictObject({ max: limitSchema }).nullable().optional(),
  /** Margin covers the next day's loss on at least `minCoverage` of account-days; Kupiec not rejected. */
  backtest: z
    .strictObject({
      minCoverage: z
        .number({ error: "must be a number" })
        .gt(0, { error: "must be in (0, 1)" })
        .lt(1, { error: "must be in (0, 1)" }),
      kupiec: z.boolean({ error: "must be true or false" }).default(true),
    })
    .nullable()
    .optional(),
});
export type Budget = z.output<typeof budgetSchema>;

export type ConstraintCheck = {
  constraint: string;
  /** What is checked, in words with its limit. */
  label: string;
  value: number | null;
  limit: number | null;
  ok: boolean;
  /** Normalised excess (0 when met). */
  violation: number;
};

export type BudgetCheck = { feasible: boolean; violation: number; checks: ConstraintCheck[] };

export function hasConstraint(b: Budget): boolean {
  return Boolean(b.windowBadDebt || b.monteCarloBadDebtEs99 || b.backtest);
}

const usd = (v: number) => `$${Math.round(v).toLocaleString("en-US")}`;

/**
 * Checks metrics against the budget. `usdScale` scales limits given in USD (a screening run on a
 * subset of the population compares its bad debt with the limit times the subset's share); limits
 * given as a share of the fund need no scaling, the fund being a share of the same population's margin.
 */
export function checkBudget(budget: Budget, m: BudgetMetrics, usdScale = 1): BudgetCheck {
  const fund = m.insuranceFundUsd > 0 ? m.insuranceFundUsd : Math.max(m.initialMarginUsd, 1);
  const limitUsd = (l: BudgetLimit) =>
    "usd" in l ? l.usd * usdScale : l.fractionOfFund * m.insuranceFundUsd;
  const limitWords = (l: BudgetLimit) =>
    "usd" in l ? usd(l.usd * usdScale) : `${+(l.fractionOfFund * 100).toPrecision(6)}% of the insurance fund`;
  const checks: ConstraintCheck[] = [];
  const usdCheck = (constraint: string, label: string, value: number | null, l: BudgetLimit) => {
    const limit = limitUsd(l);
    if (value === null) {
      checks.push({ constraint, label, value, limit, ok: true, violation: 0 });
      return;
    }
    // A relative tolerance of 1e-9 keeps "at most 0" exact while ignoring float noise on equal figures.
    const excess = Math.max(0, value - limit);
    const ok = excess <= 1e-9 * Math.max(1, limit);
    checks.push({ constraint, label, value, limit, ok, violation: ok ? 0 : excess / fund });
  };
  if (budget.windowBadDebt) {
    const w = budget.windowBadDebt;
    const ids = w.windows ?? Object.keys(m.windowBadDebtUsd);
    for (const id of ids) {
      // A window not replayed in this evaluation (screening uses fewer) is not checked here.
      if (!(id in m.windowBadDebtUsd)) continue;
      usdCheck(
        `windowBadDebt.${id}`,
        `bad debt in ${id} at most ${limitWords(w.max)}`,
        m.windowBadDebtUsd[id]!,
        w.max,
      );
    }
  }
  if (budget.monteCarloBadDebtEs99) {
    usdCheck(
      "monteCarloBadDebtEs99",
      `bad debt 99% ES across Monte Carlo paths at most ${limitWords(budget.monteCarloBadDebtEs99.max)}`,
      m.monteCarloBadDebtEs99Usd,
      budget.monteCarloBadDebtEs99.max,
    );
  }
  if (budget.backtest) {
    const { minCoverage, kupiec } = budget.backtest;
    const short = Math.max(0, minCoverage - m.coverage);
    checks.push({
      constraint: "backtest.coverage",
      label: `margin covers the next day's loss on at least ${+(minCoverage * 100).toPrecision(6)}% of account-days`,
      value: m.coverage,
      limit: minCoverage,
      ok: short === 0,
      violation: short / (1 - minCoverage),
    });
    if (kupiec) {
      const p = m.kupiecPValue;
      checks.push({
        constraint: "backtest.kupiec",
        label: "Kupiec's test does not find too many breaches at 5% significance",
        value: p,
        limit: 0.05,
        ok: !m.tooManyBreaches,
        violation: m.tooManyBreaches ? (0.05 - (p ?? 0)) / 0.05 : 0,
      });
    }
  }
  const violation = checks.reduce((s, c) => s + c.violation, 0);
  return { feasible: checks.every((c) => c.ok), violation, checks };
}
