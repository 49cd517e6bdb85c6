import { describe, expect, it } from "vitest";
import { allocateAccountMargins } from "../../simulations/margin/aggregate-accounts.ts";
import { refillableArray } from "../../simulations/margin/refillable-array.ts";
import { SPAN_GRID_DEFAULTS } from "../../simulations/models/span-grid/index.ts";
import { generatePopulation } from "../../simulations/population/generate-population.ts";
import { populationConfigSchema } from "../../simulations/population/population-config.ts";
import { cloneRegistry, optionRow } from "../../simulations/simulation/instrument-registry.ts";
import { createRiskArrayCache, spanGridStepper } from "../../simulations/simulation/margin-stepper.ts";
import { openAccounts, openBook } from "../../simulations/simulation/open-accounts.ts";
import { buildStepTable } from "../../simulations/simulation/step-table.ts";

describe("refillable arrays", () => {
  it("returns the same array, a view on its buffer, or a larger buffer with room to grow", () => {
    const a = refillableArray(Float64Array, 10);
    expect(a.length).toBe(10);
    expect(refillableArray(Float64Array, 10, a)).toBe(a);
    const shorter = refillableArray(Float64Array, 4, a);
    expect(shorter.length).toBe(4);
    expect(shorter.buffer).toBe(a.buffer);
    const longer = refillableArray(Float64Array, 20, a);
    expect(longer.length).toBe(20);
    expect(longer.buffer).not.toBe(a.buffer);
    expect(longer.buffer.byteLength).toBe(25 * 8);
    // The spare room is used by the next growth, without a new buffer.
    expect(refillableArray(Float64Array, 24, longer).buffer).toBe(longer.buffer);
  });
});

describe("a path's refilled step tables and margin arrays", () => {
  const templates = generatePopulation({ accounts: 150, seed: 5, config: populationConfigSchema.parse({}) });
  const underlyings = ["BTC", "ETH"];
  const day1 = {
    timeMs: Date.UTC(2024, 7, 5, 24),
    spot: Float64Array.of(54_000, 2_420),
    iv: Float64Array.of(0.7, 0.9),
  };
  const day2 = {
    timeMs: day1.timeMs + 86_400_000,
    spot: Float64Array.of(49_000, 2_150),
    iv: Float64Array.of(1.1, 1.3),
  };

  it("a table refilled for the next day (after the registry grew) equals one built afresh", () => {
    const opened = openBook({ templates, underlyings, market: day1 });
    const registry = cloneRegistry(opened.registry);
    const first = buildStepTable(registry, day1);
    optionRow(registry, {
      underlying: "ETH",
      kind: "put",
      strike: 1_900,
      expiryMs: day2.timeMs + 7 * 86_400_000,
    });
    const refilled = buildStepTable(registry, day2, first);
    const fresh = buildStepTable(registry, day2);
    expect(refilled).toBe(first);
    expect(refilled.stamp).not.toBe(fresh.stamp);
    expect(refilled.table.count).toBe(registry.instruments.length);
    expect({ ...refilled.table, instruments: refilled.table.instruments.map((i) => i.name) }).toEqual({
      ...fresh.table,
      instruments: fresh.table.instruments.map((i) => i.name),
    });
    expect(refilled.mark).toEqual(fresh.mark);
    expect(refilled.delta).toEqual(fresh.delta);
  });

  it("margins evaluated into the previous day's arrays equal a fresh stepper's, to the last bit", () => {
    const opened = openBook({ templates, underlyings, market: day1 });
    const params = { ...SPAN_GRID_DEFAULTS, priceScanRange: 0.2 };
    const stepper = spanGridStepper({ params, underlyings, cache: createRiskArrayCache() });
    const step1 = buildStepTable(opened.registry, day1);
    const { state } = openAccounts({ opened, stepper, step: step1, market: day1, haircutOf: () => 0.1 });
    const into = allocateAccountMargins(templates.length);
    const args = { book: state.book, isCollateral: state.isCollateral };
    stepper.evaluate({ ...args, step: step1, market: day1, into });
    // An option listed overnight: the registry, and every per-instrument array, grows by a row.
    optionRow(opened.registry, {
      underlying: "BTC",
      kind: "call",
      strike: 60_000,
      expiryMs: day2.timeMs + 86_400_000,
    });
    const step2 = buildStepTable(opened.registry, day2, step1);
    const refilled = stepper.evaluate({ ...args, step: step2, market: day2, into });
    const freshStepper = spanGridStepper({ params, underlyings, cache: createRiskArrayCache() });
    const fresh = freshStepper.evaluate({
      ...args,
      step: buildStepTable(opened.registry, day2),
      market: day2,
    });
    expect(refilled.initial).toBe(into.initial);
    for (const key of ["initial", "maintenance", "standardInitial", "equity"] as const) {
      expect(Array.from(refilled[key])).toEqual(Array.from(fresh[key]));
    }
    // The day moved margin: the comparison is not between two copies of day 1.
    const day1Margins = spanGridStepper({ params, underlyings, cache: createRiskArrayCache() }).evaluate({
      ...args,
      step: buildStepTable(opened.registry, day1),
      market: day1,
    });
    expect(Array.from(refilled.initial)).not.toEqual(Array.from(day1Margins.initial));
  });
});
