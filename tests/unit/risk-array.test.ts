import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseMarketSnapshot } from "../../simulations/input/market-snapshot.ts";
import type { Instrument } from "../../simulations/instruments/instrument.ts";
import { buildInstrumentTable, type UniverseEntry } from "../../simulations/margin/instrument-table.ts";
import { buildRiskArray, buildRiskArrayReference } from "../../simulations/margin/risk-array.ts";
import { scenarioGrid } from "../../simulations/margin/scenario-grid.ts";
import { uniformScenarioSet } from "../../simulations/margin/scenario-set.ts";
import { SPAN_GRID_DEFAULTS } from "../../simulations/models/span-grid/params.ts";
import { blackScholes } from "../../simulations/pricing/black-scholes.ts";

const DAY = 86_400_000;
const market = parseMarketSnapshot({
  asOf: "2024-06-01T08:00:00Z",
  underlyings: {
    BTC: { spot: 67_500, vol: 0.55, rate: 0.05 },
    ETH: { spot: 3_800, vol: 0.65, rate: 0.03 },
  },
});

/** Random option/perp/future entries: expiries from 0 (expiring now) to 2 years, strikes 20%..300% of spot. */
const arbEntry: fc.Arbitrary<UniverseEntry> = fc
  .record({
    underlying: fc.constantFrom("BTC", "ETH"),
    type: fc.constantFrom("option", "option", "option", "perp", "future"),
    days: fc.oneof(fc.constant(0), fc.double({ min: 1e-3, max: 730, noNaN: true })),
    moneyness: fc.double({ min: 0.2, max: 3, noNaN: true }),
    kind: fc.constantFrom("call" as const, "put" as const),
    iv: fc.option(fc.double({ min: 0, max: 3, noNaN: true }), { nil: undefined }),
  })
  .map(({ underlying, type, days, moneyness, kind, iv }, k = 0) => {
    const spot = market.underlyings[underlying]!.spot;
    const expiryMs = market.asOfMs + days * DAY;
    let instrument: Instrument;
    if (type === "option") {
      instrument = {
        type: "option",
        underlying,
        expiryMs,
        strike: spot * moneyness,
        kind,
        name: `${underlying}-${k}`,
      };
    } else if (type === "perp") instrument = { type: "perp", underlying, name: `${underlying}-PERP` };
    else instrument = { type: "future", underlying, expiryMs, name: `${underlying}-F` };
    return iv === undefined ? { instrument } : { instrument, iv };
  });

const arbGrid = fc.record({
  priceScanRange: fc.double({ min: 0.01, max: 1, noNaN: true }),
  priceScanSteps: fc.integer({ min: 1, max: 8 }),
  volShockUp: fc.double({ min: 0, max: 5, noNaN: true }),
  volShockDown: fc.double({ min: 0, max: 1, noNaN: true }),
  volScanSteps: fc.integer({ min: 0, max: 3 }),
  extremeMoveMultiple: fc.double({ min: 0, max: 4, noNaN: true }),
  extremeMoveCoverage: fc.double({ min: 0, max: 1, noNaN: true }),
});

describe("buildRiskArray (fast kernel) vs buildRiskArrayReference", () => {
  it("agree to 1e-6 USD per unit on random universes, grids, horizons and tenor scaling", () => {
    fc.assert(
      fc.property(
        fc.array(arbEntry, { minLength: 1, maxLength: 25 }),
        arbGrid,
        fc.double({ min: 0, max: 30, noNaN: true }),
        fc.record({
          power: fc.constantFrom(0, 0.3, 0.5, 1.2),
          refDays: fc.constant(30),
          floorDays: fc.double({ min: 0.1, max: 7, noNaN: true }),
        }),
        (entries, grid, horizonDays, volTenorScaling) => {
          const table = buildInstrumentTable({ market, entries });
          const scenarios = scenarioGrid(
            { ...SPAN_GRID_DEFAULTS, ...grid, scenarios: null },
            table.underlyings,
          );
          const input = { table, scenarios, horizonDays, volTenorScaling };
          const fast = buildRiskArray(input);
          const ref = buildRiskArrayReference(input);
          expect(fast.loss.length).toBe(table.count * scenarios.count);
          for (let k = 0; k < fast.loss.length; k++) {
            // The bar: 1e-6 USD. Observed differences are ~1e-10 (single vs split exponential).
            expect(Math.abs(fast.loss[k]! - ref.loss[k]!)).toBeLessThan(1e-6);
          }
          for (let i = 0; i < table.count; i++)
            expect(Math.abs(fast.value[i]! - ref.value[i]!)).toBeLessThan(1e-6);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("agree at the edges: spot to zero, vol shocked to zero, expiring within the horizon", () => {
    const entries: UniverseEntry[] = [
      {
        instrument: {
          type: "option",
          underlying: "BTC",
          expiryMs: market.asOfMs + 2 * DAY,
          strike: 60_000,
          kind: "put",
          name: "a",
        },
      },
      {
        instrument: {
          type: "option",
          underlying: "BTC",
          expiryMs: market.asOfMs + 2 * DAY,
          strike: 70_000,
          kind: "call",
          name: "b",
        },
      },
      {
        instrument: {
          type: "option",
          underlying: "ETH",
          expiryMs: market.asOfMs,
          strike: 3_500,
          kind: "call",
          name: "c",
        },
      },
      {
        instrument: {
          type: "option",
          underlying: "ETH",
          expiryMs: market.asOfMs + 400 * DAY,
          strike: 9_000,
          kind: "put",
          name: "d",
        },
        iv: 0,
      },
    ];
    const table = buildInstrumentTable({ market, entries });
    const scenarios = uniformScenarioSet({
      underlyings: table.underlyings,
      priceShocks: [-1, -0.999, -0.5, 0, 0.5, 9],
      volShocks: [-1, -0.5, 0, 4, -1, 0],
      weights: [1, 1, 1, 1, 0.5, 0.35],
    });
    for (const horizonDays of [0, 1, 3]) {
      const fast = buildRiskArray({ table, scenarios, horizonDays });
      const ref = buildRiskArrayReference({ table, scenarios, horizonDays });
      for (let k = 0; k < fast.loss.length; k++) {
        expect(Number.isFinite(fast.loss[k]!)).toBe(true);
        expect(Math.abs(fast.loss[k]! - ref.loss[k]!)).toBeLessThan(1e-6);
      }
    }
  });
});

describe("risk array: degenerate volatility", () => {
  it("a subnormal vol on an at-the-money-forward option prices as its forward intrinsic, never NaN", () => {
    const m = parseMarketSnapshot({
      asOf: "2024-06-01T08:00:00Z",
      underlyings: { BTC: { spot: 100, vol: 0.5 } },
    });
    const expiryMs = m.asOfMs + 30 * DAY;
    const entries: UniverseEntry[] = (["call", "put"] as const).map((kind) => ({
      instrument: { type: "option", underlying: "BTC", expiryMs, strike: 100, kind, name: kind },
      iv: 1e-320,
    }));
    const table = buildInstrumentTable({ market: m, entries });
    const scenarios = uniformScenarioSet({
      underlyings: ["BTC"],
      priceShocks: [0, -0.1, 0.1],
      volShocks: [0, 0, 0],
      weights: [1, 1, 1],
    });
    const fast = buildRiskArray({ table, scenarios });
    const ref = buildRiskArrayReference({ table, scenarios });
    expect(Array.from(fast.loss).every(Number.isFinite)).toBe(true);
    for (let k = 0; k < fast.loss.length; k++)
      expect(Math.abs(fast.loss[k]! - ref.loss[k]!)).toBeLessThan(1e-6);
  });
});

describe("risk array semantics", () => {
  it("loss = (value now - value in scenario) x weight, with the scenario's shocks applied", () => {
    const expiryMs = market.asOfMs + 30 * DAY;
    const entries: UniverseEntry[] = [
      {
        instrument: { type: "option", underlying: "BTC", expiryMs, strike: 65_000, kind: "call", name: "c" },
        iv: 0.6,
      },
      { instrument: { type: "perp", underlying: "BTC", name: "BTC-PERP" } },
    ];
    const table = buildInstrumentTable({ market, entries });
    const scenarios = uniformScenarioSet({
      underlyings: ["BTC"],
      priceShocks: [-0.1, 0.2],
      volShocks: [0.5, -0.25],
      weights: [1, 0.35],
    });
    const ra = buildRiskArray({ table, scenarios, horizonDays: 2 });
    const years = (d: number) => d / 365;
    const now = blackScholes({
      spot: 67_500,
      strike: 65_000,
      years: years(30),
      vol: 0.6,
      rate: 0.05,
      kind: "call",
    }).price;
    const s0 = blackScholes({
      spot: 60_750,
      strike: 65_000,
      years: years(28),
      vol: 0.9,
      rate: 0.05,
      kind: "call",
    }).price;
    const s1 = blackScholes({
      spot: 81_000,
      strike: 65_000,
      years: years(28),
      vol: 0.45,
      rate: 0.05,
      kind: "call",
    }).price;
    expect(ra.value[0]).toBeCloseTo(now, 8);
    expect(ra.loss[0]).toBeCloseTo(now - s0, 8);
    expect(ra.loss[1]).toBeCloseTo((now - s1) * 0.35, 8);
    expect(ra.loss[2]).toBeCloseTo(67_500 * 0.1, 8);
    expect(ra.loss[3]).toBeCloseTo(-67_500 * 0.2 * 0.35, 8);
  });

  it("tenor scaling multiplies vol shocks by (30 / days)^power, floored", () => {
    const mk = (days: number): UniverseEntry => ({
      instrument: {
        type: "option",
        underlying: "BTC",
        expiryMs: market.asOfMs + days * DAY,
        strike: 67_500,
        kind: "call",
        name: `c${days}`,
      },
      iv: 0.5,
    });
    const table = buildInstrumentTable({ market, entries: [mk(7.5), mk(120), mk(0.25)] });
    const scenarios = uniformScenarioSet({
      underlyings: ["BTC"],
      priceShocks: [0],
      volShocks: [0.2],
      weights: [1],
    });
    const ra = buildRiskArray({
      table,
      scenarios,
      volTenorScaling: { power: 0.5, refDays: 30, floorDays: 1 },
    });
    const price = (days: number, vol: number) =>
      blackScholes({ spot: 67_500, strike: 67_500, years: days / 365, vol, rate: 0.05, kind: "call" }).price;
    // 7.5 days: factor sqrt(30/7.5) = 2, so vol 0.5 -> 0.5 * (1 + 0.4) = 0.7.
    expect(ra.loss[0]).toBeCloseTo(price(7.5, 0.5) - price(7.5, 0.7), 8);
    // 120 days: factor 0.5 -> vol 0.55.
    expect(ra.loss[1]).toBeCloseTo(price(120, 0.5) - price(120, 0.55), 8);
    // 6 hours: floored at 1 day, factor sqrt(30) -> vol 0.5 * (1 + 0.2 sqrt 30).
    expect(ra.loss[2]).toBeCloseTo(price(0.25, 0.5) - price(0.25, 0.5 * (1 + 0.2 * Math.sqrt(30))), 8);
  });

  it("prices each distinct instrument once: the array grows with instruments, not positions", () => {
    const table = buildInstrumentTable({
      market,
      entries: [{ instrument: { type: "perp", underlying: "BTC", name: "BTC-PERP" } }],
    });
    const scenarios = scenarioGrid(SPAN_GRID_DEFAULTS, table.underlyings);
    expect(buildRiskArray({ table, scenarios }).loss.length).toBe(scenarios.count);
    expect(scenarios.count).toBe(11 * 3 + 2);
  });
});
