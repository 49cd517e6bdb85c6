import { describe, expect, it } from "vitest";
import {
  solveCloseFraction,
  solveCloseFractionReference,
} from "../../simulations/liquidation/close-fraction.ts";
import { liquidationSettings } from "../../simulations/liquidation/liquidation-settings.ts";
import {
  chunkedImpactCost,
  impactCost,
  impactModel,
  MAX_IMPACT,
  priceImpact,
} from "../../simulations/liquidation/market-impact.ts";
import { aggregateAccountsReference } from "../../simulations/margin/aggregate-accounts.ts";
import { instrumentCoefficients } from "../../simulations/margin/instrument-coefficients.ts";
import { buildRiskArray } from "../../simulations/margin/risk-array.ts";
import { scenarioGrid } from "../../simulations/margin/scenario-grid.ts";
import { SPAN_GRID_DEFAULTS } from "../../simulations/models/span-grid/params.ts";
import { generatePopulation } from "../../simulations/population/generate-population.ts";
import { populationConfigSchema } from "../../simulations/population/population-config.ts";
import { closeProfile, initialAfterClose } from "../../simulations/simulation/close-profile.ts";
import { openBook } from "../../simulations/simulation/open-accounts.ts";
import { buildStepTable } from "../../simulations/simulation/step-table.ts";

const { settings } = liquidationSettings(SPAN_GRID_DEFAULTS);

describe("square-root market impact", () => {
  const c = (0.8 * (0.6 / Math.sqrt(365))) / Math.sqrt(400e6);

  it("moves the price by Y sigma_d sqrt(Q / depth), with the sign of the flow, clamped", () => {
    // Y = 0.8, vol 60%, $40M into $400M of depth: 0.8 x 0.0314 x sqrt(0.1) = 0.00795.
    expect(priceImpact(c, 40e6)).toBeCloseTo(0.8 * (0.6 / Math.sqrt(365)) * Math.sqrt(0.1), 12);
    expect(priceImpact(c, -40e6)).toBeCloseTo(-priceImpact(c, 40e6), 15);
    expect(priceImpact(c, 1e30)).toBe(MAX_IMPACT);
  });

  it("costs the integral of the impact above the starting price (checked by a midpoint sum)", () => {
    for (const [f0, x] of [
      [0, 30e6],
      [10e6, 20e6],
      [-25e6, 5e6],
      [15e6, -40e6],
    ] as const) {
      // Reference: midpoint rule with 200,000 panels; the integrand is smooth except at 0, where its
      // sqrt cusp limits the rule's error to about (width / panels)^1.5 x c, far below 1e-3 USD here.
      const panels = 200_000;
      const h = x / panels;
      let sum = 0;
      for (let k = 0; k < panels; k++) sum += (priceImpact(c, f0 + (k + 0.5) * h) - priceImpact(c, f0)) * h;
      expect(impactCost(c, f0, x)).toBeGreaterThanOrEqual(0);
      expect(impactCost(c, f0, x)).toBeCloseTo(sum, 0);
    }
  });

  it("splitting a trade into n chunks on fresh books divides its cost by sqrt(n)", () => {
    expect(chunkedImpactCost(c, 50e6, 4)).toBeCloseTo(impactCost(c, 0, 50e6) / 2, 6);
  });

  it("thins depth when implied vol rises above the reference", () => {
    const calm = impactModel({ settings, underlyings: ["BTC"], iv: Float64Array.of(0.5) });
    const stress = impactModel({ settings, underlyings: ["BTC"], iv: Float64Array.of(1.2) });
    expect(calm.depthUsd[0]).toBe(400e6);
    expect(stress.depthUsd[0]).toBeCloseTo(400e6 * (0.6 / 1.2) ** 1.5, 0);
    expect(stress.coefficient[0]!).toBeGreaterThan(calm.coefficient[0]!);
    expect(stress.stress[0]).toBeCloseTo(2 ** 1.5, 12);
  });
});

describe("partial liquidation", () => {
  it("the solver finds the same smallest share as a fine grid scan", () => {
    const problems = [
      { equity: 80, cost: (f: number) => 5 * f, initialAfter: (f: number) => 100 * (1 - f) },
      { equity: 50, cost: (f: number) => 10 * f ** 1.5, initialAfter: (f: number) => 120 * (1 - f) ** 2 + 5 },
      { equity: 10, cost: (f: number) => 30 * f, initialAfter: (f: number) => 40 * (1 - f) + 1 }, // infeasible: full close
      { equity: 200, cost: () => 0, initialAfter: () => 100 }, // already above: nothing to close
    ];
    for (const p of problems) {
      // The reference steps 1e-5; the solver bisects to 2^-28, so they agree within one reference step.
      expect(Math.abs(solveCloseFraction(p) - solveCloseFractionReference(p))).toBeLessThanOrEqual(1e-5);
    }
  });

  it("closeProfile prices a pro-rata close exactly as re-margining the scaled book", () => {
    const templates = generatePopulation({
      accounts: 40,
      seed: 11,
      config: populationConfigSchema.parse({}),
    });
    const market = {
      timeMs: Date.UTC(2024, 5, 1),
      spot: Float64Array.of(67_000, 3_800),
      iv: Float64Array.of(0.5, 0.6),
    };
    const opened = openBook({ templates, underlyings: ["BTC", "ETH"], market });
    const step = buildStepTable(opened.registry, market);
    const params = SPAN_GRID_DEFAULTS;
    const riskArray = buildRiskArray({
      table: step.table,
      scenarios: scenarioGrid(params, step.table.underlyings),
    });
    const coefficients = instrumentCoefficients({ table: step.table, riskArray, params });
    const qty = opened.qty.map((q, p) => (opened.isCollateral[p] === 1 ? q * 0.95 : q));
    const book = {
      accounts: opened.accounts,
      offsets: opened.offsets,
      instrument: opened.instrument,
      qty,
      cashUsd: new Float64Array(opened.accounts),
    };
    for (let a = 0; a < opened.accounts; a++) {
      const profile = closeProfile({
        account: a,
        book,
        table: step.table,
        riskArray,
        coefficients,
        aggregation: params.underlyingAggregation,
        isCollateral: opened.isCollateral,
        riskAddOn: 0,
        mmFactor: params.mmFactor,
      });
      for (const f of [0, 0.25, 0.6, 1]) {
        const scaled = qty.map((q, p) => (opened.isCollateral[p] === 1 ? q : q * (1 - f)));
        const ref = aggregateAccountsReference({
          table: step.table,
          riskArray,
          coefficients,
          book: { ...book, qty: scaled },
          aggregation: params.underlyingAggregation,
          mmFactor: params.mmFactor,
          standardMmFactor: params.standardMmFactor,
        });
        // Same sums in a different order: equal to rounding, 1e-9 relative.
        expect(initialAfterClose(profile, f)).toBeCloseTo(
          ref.initial[a]!,
          Math.max(0, 9 - Math.ceil(Math.log10(ref.initial[a]! + 1))),
        );
      }
    }
  });
});
