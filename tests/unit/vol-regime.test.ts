import { describe, expect, it } from "vitest";
import { computeMargin } from "../../simulations/engine/compute-margin.ts";
import { scenarioGrid } from "../../simulations/margin/scenario-grid.ts";
import { SPAN_GRID_DEFAULTS } from "../../simulations/models/span-grid/params.ts";
import { applyVolRegime, volRegimeFactor } from "../../simulations/models/span-grid/vol-regime.ts";

const base = SPAN_GRID_DEFAULTS;

describe("vol-regime scaling of price shocks", () => {
  it("is off by default: factor 1 at any vol, grid unchanged", () => {
    for (const v of [0.2, 0.6, 1.5]) expect(volRegimeFactor(base, v)).toBe(1);
    const grid = scenarioGrid(base, ["BTC"]);
    expect(applyVolRegime({ scenarios: grid, params: base, vols: [1.2] })).toBe(grid);
  });

  it("scales with (vol / reference)^power between the floor and the cap", () => {
    const p = { ...base, volRegimePower: 1, volRegimeFloor: 0.5, volRegimeCap: 2 };
    expect(volRegimeFactor(p, 0.9)).toBeCloseTo(1.5, 15);
    expect(volRegimeFactor(p, 0.15)).toBe(0.5); // floor
    expect(volRegimeFactor(p, 3)).toBe(2); // cap
  });

  it("holds the stress buffer in calm markets and releases it as vol doubles", () => {
    const p = { ...base, volRegimeStressBuffer: 0.25 };
    expect(volRegimeFactor(p, 0.3)).toBeCloseTo(1.25, 15);
    expect(volRegimeFactor(p, 0.9)).toBeCloseTo(1.125, 15); // halfway from 1x to 2x the reference
    expect(volRegimeFactor(p, 1.2)).toBe(1);
  });

  it("moves each underlying's spot shocks by its own factor, never below zero", () => {
    const p = { ...base, volRegimePower: 1, volRegimeCap: 10 };
    const grid = scenarioGrid(p, ["BTC", "ETH"]);
    const scaled = applyVolRegime({ scenarios: grid, params: p, vols: [1.2, 0.6] });
    const S = grid.count;
    for (let s = 0; s < S; s++) {
      expect(scaled.spotFactor[s]).toBeCloseTo(Math.max(0, 1 + 2 * (grid.spotFactor[s]! - 1)), 12);
      expect(scaled.spotFactor[S + s]).toBeCloseTo(grid.spotFactor[S + s]!, 15);
    }
  });

  it("raises a portfolio's margin in a high-vol market (the single-portfolio engine applies it too)", () => {
    const market = { asOf: "2024-06-01T00:00:00Z", underlyings: { BTC: { spot: 60_000, vol: 1.2 } } };
    const portfolio = { collateral: 100_000, positions: [{ instrument: "BTC-PERP", qty: 1 }] };
    const flat = computeMargin({ market, portfolio, params: {} });
    const scaled = computeMargin({ market, portfolio, params: { volRegimePower: 1 } });
    // A perp's worst loss is the largest price shock: 15% x 2 (extreme move) x 1/3 coverage or 15%.
    expect(scaled.worstLoss).toBeCloseTo(2 * flat.worstLoss, 6);
  });
});
