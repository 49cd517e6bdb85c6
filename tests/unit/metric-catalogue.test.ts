import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  fillMetricText,
  HEADLINE_METRICS,
  METRIC_CATALOGUE,
  metricDescriptions,
  metricName,
  metricValue,
} from "../../simulations/report/metric-catalogue.ts";

const methodology = readFileSync(new URL("../../docs/methodology.md", import.meta.url), "utf8");

describe("the metric catalogue", () => {
  it("holds each key once, and the headline list is made of its keys", () => {
    const keys = METRIC_CATALOGUE.map((m) => m.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const k of HEADLINE_METRICS) expect(keys).toContain(k);
  });

  it("is documented: docs/methodology.md names every metric key", () => {
    const missing = METRIC_CATALOGUE.map((m) => m.key).filter((k) => !methodology.includes(`\`${k}\``));
    expect(missing).toEqual([]);
  });

  it("says every tail figure's percentile and horizon in its name", () => {
    const ctx = { horizonDays: 30, confidence: 0.99 };
    expect(metricName("badDebtMonteCarloEs99", ctx)).toBe(
      "Bad debt 99% ES over 30 days across Monte Carlo paths",
    );
    expect(metricName("liquidationsAtRisk95", { ...ctx, horizonDays: 10 })).toBe(
      "Liquidations at risk (95%) over 10 days",
    );
    expect(metricName("coverage", { ...ctx, confidence: 0.995 })).toBe("Backtest coverage (target 99.5%)");
    for (const m of METRIC_CATALOGUE) {
      for (const text of [m.name, m.base, m.definition])
        expect(fillMetricText(text, ctx)).not.toMatch(/[{}]/);
      expect(m.definition.length).toBeGreaterThan(20);
      expect(m.base.length).toBeGreaterThan(10);
    }
    expect(metricDescriptions({ ...ctx, asOf: "2026-03-27" }).totalInitialMargin).toMatch(
      /base: one moment: the whole population on 2026-03-27/,
    );
    expect(metricDescriptions(ctx).accountsInsolvent).toMatch(
      /^Accounts insolvent \(accounts; base: distinct accounts/,
    );
  });

  it("reads a value at its path, null when absent or not finite", () => {
    expect(metricValue({ backtest: { accountStepsBreached: 4 } }, "accountStepsBreached")).toBe(4);
    expect(metricValue({ coverage: Number.NaN }, "coverage")).toBeNull();
    expect(metricValue(null, "coverage")).toBeNull();
  });
});
