import { describe, expect, it } from "vitest";
import { generatePopulation } from "../../simulations/population/generate-population.ts";
import { populationConfigSchema } from "../../simulations/population/population-config.ts";
import { openBook } from "../../simulations/simulation/open-accounts.ts";
import { resolveSet, setRuntime } from "../../simulations/simulation/param-sets.ts";
import { runPath } from "../../simulations/simulation/run-path.ts";
import type { SimPath } from "../../simulations/simulation/sim-path.ts";

const DAY = 86_400_000;
const t0 = Date.UTC(2024, 7, 1);

/** Calm day, then spot -22% with implied vol x1.8, then a small rebound. */
const crash: SimPath = {
  group: "test",
  label: "crash",
  underlyings: ["BTC", "ETH"],
  timeMs: [t0, t0 + DAY, t0 + 2 * DAY],
  stepLabels: ["day 0", "day 1", "day 2"],
  spot: [
    [60_000, 46_800, 48_000],
    [3_000, 2_340, 2_400],
  ],
  iv: [
    [0.5, 0.9, 0.8],
    [0.6, 1.08, 0.95],
  ],
  shockStep: 1,
};

function run(depthUsd: number, extra: Record<string, unknown> = {}) {
  // Leveraged directional books and spot hedgers, many close to the line: in a crash their liquidations
  // all sell, so the flow does not net out.
  const config = populationConfigSchema.parse({
    bufferMedianExcess: 0.3,
    weights: { directional: 1, hedger: 0.3, "market-maker": 0, structure: 0, basis: 0 },
  });
  const templates = generatePopulation({ accounts: 400, seed: 5, config });
  const opened = openBook({
    templates,
    underlyings: crash.underlyings,
    market: { timeMs: t0, spot: Float64Array.of(60_000, 3_000), iv: Float64Array.of(0.5, 0.6) },
  });
  const set = setRuntime(
    resolveSet({
      liquidationDepthUsd: { BTC: depthUsd, ETH: depthUsd / 2 },
      liquidationClose: "full",
      ...extra,
    }),
  );
  return runPath({ path: crash, opened, sets: [set] })[0]!;
}

describe("liquidation cascade", () => {
  it("amplifies losses when market depth shrinks", () => {
    const runs = [1e12, 400e6, 100e6, 20e6, 5e6].map((d) => run(d));
    const deep = runs[0]!;
    // With (practically) infinite depth liquidations cost only the penalty and the option spread.
    expect(deep.accountsLiquidated).toBeGreaterThan(50);
    expect(Math.max(...deep.maxImpact)).toBeLessThan(1e-3);
    for (let k = 1; k < runs.length; k++) {
      const [wider, thinner] = [runs[k - 1]!, runs[k]!];
      // Thinner books: the selling pushes the price further, later liquidations sell lower.
      expect(Math.max(...thinner.maxImpact)).toBeGreaterThan(Math.max(...wider.maxImpact));
      expect(thinner.slippage).toBeGreaterThan(wider.slippage);
      expect(thinner.badDebt).toBeGreaterThan(wider.badDebt);
      expect(thinner.accountsInsolvent).toBeGreaterThanOrEqual(wider.accountsInsolvent);
    }
    const thin = runs[runs.length - 1]!;
    expect(Math.max(...thin.maxImpact)).toBeGreaterThan(0.05);
    expect(thin.badDebt).toBeGreaterThan(1.3 * deep.badDebt);
    expect(thin.accountsInsolvent).toBeGreaterThan(deep.accountsInsolvent);
  });

  it("spreads the impact: a gradual unwind and an auction pay less slippage than an immediate close", () => {
    const market = run(20e6, { liquidationMode: "market" });
    const gradual = run(20e6, { liquidationMode: "gradual", liquidationUnwindSteps: 4 });
    const auction = run(20e6, { liquidationMode: "dutch-auction", liquidationUnwindSteps: 4 });
    expect(gradual.slippage).toBeLessThan(market.slippage);
    expect(auction.slippage).toBeLessThan(market.slippage);
    expect(Math.max(...auction.maxImpact)).toBeLessThan(Math.max(...market.maxImpact));
  });

  it("bad debt is never negative and every insolvent account was liquidated", () => {
    const r = run(20e6);
    expect(r.badDebt).toBeGreaterThanOrEqual(0);
    expect(r.accountsInsolvent).toBeLessThanOrEqual(r.accountsLiquidated);
    expect(r.badDebtStep.reduce((s, x) => s + x, 0)).toBeCloseTo(r.badDebt, 6);
  });
});
