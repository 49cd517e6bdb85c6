/**
 * What the search minimises: the population's initial margin (capital efficiency against standard
 * margin is its mirror image: the standard margin of a population does not depend on the set), or a
 * weighted form that also prices insolvency: margin + w1 x bad-debt 99% ES + w2 x summed window bad debt.
 */
import { z } from "zod";
import type { BudgetMetrics } from "./budget-metrics.ts";

export const objectiveSchema = z.discriminatedUnion(
  "kind",
  [
    z.strictObject({ kind: z.literal("min-initial-margin") }),
    z.strictObject({
      kind: z.literal("weighted"),
      marginWeight: z.number().min(0, { error: "must be >= 0" }).max(1e6).default(1),
      badDebtEs99Weight: z.number().min(0, { error: "must be >= 0" }).max(1e6).default(0),
      windowBadDebtWeight: z.number().min(0, { error: "must be >= 0" }).max(1e6).default(0),
    }),
  ],
  { error: 'kind must be "min-initial-margin" or "weighted"' },
);
export type Objective = z.output<typeof objectiveSchema>;

export function objectiveValue(o: Objective, m: BudgetMetrics): number {
  if (o.kind === "min-initial-margin") return m.initialMarginUsd;
  const windows = Object.values(m.windowBadDebtUsd).reduce((s, v) => s + v, 0);
  return (
    o.marginWeight * m.initialMarginUsd +
    o.badDebtEs99Weight * (m.monteCarloBadDebtEs99Usd ?? 0) +
    o.windowBadDebtWeight * windows
  );
}

export function describeObjective(o: Objective): string {
  if (o.kind === "min-initial-margin") {
    return "minimise the initial margin the population holds (the most capital-efficient set)";
  }
  return `minimise ${o.marginWeight} x initial margin + ${o.badDebtEs99Weight} x bad-debt 99% ES across Monte Carlo paths + ${o.windowBadDebtWeight} x bad debt summed over the named windows`;
}
