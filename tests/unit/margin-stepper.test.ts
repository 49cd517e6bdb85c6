import { describe, expect, it } from "vitest";
import { haircutOf } from "../../simulations/engine/bind-portfolio.ts";
import { SPAN_GRID_DEFAULTS, spanGridModel } from "../../simulations/models/span-grid/index.ts";
import { generatePopulation } from "../../simulations/population/generate-population.ts";
import { populationConfigSchema } from "../../simulations/population/population-config.ts";
import {
  createRiskArrayCache,
  genericStepper,
  spanGridStepper,
} from "../../simulations/simulation/margin-stepper.ts";
import { openAccounts, openBook } from "../../simulations/simulation/open-accounts.ts";
import { buildStepTable } from "../../simulations/simulation/step-table.ts";

describe("margin of a path's accounts", () => {
  it("the span-grid fast path equals the model's own compute, account by account", () => {
    const templates = generatePopulation({
      accounts: 120,
      seed: 21,
      config: populationConfigSchema.parse({}),
    });
    const underlyings = ["BTC", "ETH"];
    const market = {
      timeMs: Date.UTC(2024, 7, 5, 24),
      spot: Float64Array.of(54_000, 2_420),
      iv: Float64Array.of(0.7, 0.9),
    };
    const opened = openBook({ templates, underlyings, market });
    const step = buildStepTable(opened.registry, market);
    const params = { ...SPAN_GRID_DEFAULTS, volShockTenorPower: 0.3, volRegimePower: 0.5 };
    const fast = spanGridStepper({ params, underlyings, cache: createRiskArrayCache() });
    // The reference: one `compute` per account as a portfolio (collateral haircut inside the model).
    const reference = genericStepper({ model: spanGridModel, params });
    const a = openAccounts({ opened, stepper: fast, step, market, haircutOf: (s) => haircutOf(s, params) });
    const b = openAccounts({ opened, stepper: reference, step, market, haircutOf: () => 0 });
    expect(a.state.book.cashUsd).toEqual(b.state.book.cashUsd);
    for (const key of ["initial", "maintenance", "standardInitial", "equity"] as const) {
      for (let k = 0; k < templates.length; k++) {
        // Same terms summed in another order (positions netted per instrument in the model): 1e-9 relative.
        const x = a.ev[key][k]!;
        expect(Math.abs(x - b.ev[key][k]!)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(x)));
      }
    }
  });
});
