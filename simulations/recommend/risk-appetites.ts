/**
 * Named risk appetites: presets of the insolvency budget, each with the objective it serves written
 * in plain words, so a recommendation always says which stated objective it optimised (as published
 * risk tiers do; a DAO chooses one as a setting). Limits are relative to the insurance fund, so the
 * same appetite means the same thing for a small and a large protocol.
 */
import type { Budget } from "./budget.ts";

export const RISK_APPETITE_IDS = ["conservative", "moderate", "aggressive"] as const;
export type RiskAppetiteId = (typeof RISK_APPETITE_IDS)[number];

export type RiskAppetite = { id: RiskAppetiteId; title: string; objective: string; budget: Budget };

export const RISK_APPETITES: Readonly<Record<RiskAppetiteId, RiskAppetite>> = {
  conservative: {
    id: "conservative",
    title: "Conservative",
    objective:
      "The lowest margin at which no replayed crisis costs more than 5% of the insurance fund, the worst 1% of simulated 30-day paths cost on average at most 10% of it, and margin covers the next day's loss at least 99.5% of the time without significantly too many breaches.",
    budget: {
      windowBadDebt: { max: { fractionOfFund: 0.05 } },
      monteCarloBadDebtEs99: { max: { fractionOfFund: 0.1 } },
      backtest: { minCoverage: 0.995, kupiec: true },
    },
  },
  moderate: {
    id: "moderate",
    title: "Moderate",
    objective:
      "The lowest margin at which no replayed crisis costs more than 25% of the insurance fund, the worst 1% of simulated 30-day paths cost on average at most half of it, and margin covers the next day's loss at least 99% of the time without significantly too many breaches.",
    budget: {
      windowBadDebt: { max: { fractionOfFund: 0.25 } },
      monteCarloBadDebtEs99: { max: { fractionOfFund: 0.5 } },
      backtest: { minCoverage: 0.99, kupiec: true },
    },
  },
  aggressive: {
    id: "aggressive",
    title: "Aggressive",
    objective:
      "The lowest margin at which the insurance fund absorbs every replayed crisis and, on average, the worst 1% of simulated 30-day paths, and margin covers the next day's loss at least 97.5% of the time.",
    budget: {
      windowBadDebt: { max: { fractionOfFund: 1 } },
      monteCarloBadDebtEs99: { max: { fractionOfFund: 1 } },
      backtest: { minCoverage: 0.975, kupiec: false },
    },
  },
};
