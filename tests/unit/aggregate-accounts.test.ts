import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseMarketSnapshot } from "../../simulations/input/market-snapshot.ts";
import { buildAccountBook } from "../../simulations/margin/account-book.ts";
import {
  accountScenarioLosses,
  accountScenarioLossesReference,
} from "../../simulations/margin/account-scenario-losses.ts";
import { accountsVarEs } from "../../simulations/margin/accounts-var-es.ts";
import {
  aggregateAccounts,
  aggregateAccountsReference,
} from "../../simulations/margin/aggregate-accounts.ts";
import { instrumentCoefficients } from "../../simulations/margin/instrument-coefficients.ts";
import { buildInstrumentTable, type UniverseEntry } from "../../simulations/margin/instrument-table.ts";
import { buildRiskArray } from "../../simulations/margin/risk-array.ts";
import { scenarioGrid } from "../../simulations/margin/scenario-grid.ts";
import { uniformScenarioSet } from "../../simulations/margin/scenario-set.ts";
import { wasmAccountLosses } from "../../simulations/margin/wasm-account-losses.ts";
import { SPAN_GRID_DEFAULTS } from "../../simulations/models/span-grid/params.ts";
import { varEsReference } from "../../simulations/risk/var-es.ts";

const DAY = 86_400_000;
const market = parseMarketSnapshot({
  asOf: "2024-06-01T08:00:00Z",
  underlyings: { BTC: { spot: 67_500, vol: 0.55, rate: 0.05 }, ETH: { spot: 3_800, vol: 0.65, rate: 0 } },
});

/** A fixed universe of 40 instruments: options on both underlyings, perps, a future, spot collateral. */
function universe(): UniverseEntry[] {
  const out: UniverseEntry[] = [];
  for (const u of ["BTC", "ETH"] as const) {
    const spot = market.underlyings[u]!.spot;
    for (const days of [2, 30, 90]) {
      for (const m of [0.8, 0.95, 1, 1.05, 1.25]) {
        for (const kind of ["call", "put"] as const) {
          if (out.length % 3 === 2 && days === 90) continue;
          out.push({
            instrument: {
              type: "option",
              underlying: u,
              expiryMs: market.asOfMs + days * DAY,
              strike: Math.round(spot * m),
              kind,
              name: `${u}-${days}-${m}-${kind}`,
            },
          });
        }
      }
    }
    out.push({ instrument: { type: "perp", underlying: u, name: `${u}-PERP` } });
    out.push({ instrument: { type: "spot", underlying: u, name: `${u} collateral` } });
  }
  out.push({
    instrument: { type: "future", underlying: "BTC", expiryMs: market.asOfMs + 27 * DAY, name: "BTC-F" },
  });
  return out;
}

const entries = universe();
const table = buildInstrumentTable({ market, entries });
const scenarios = scenarioGrid(SPAN_GRID_DEFAULTS, table.underlyings);
const riskArray = buildRiskArray({ table, scenarios });
const coefficients = instrumentCoefficients({ table, riskArray, params: SPAN_GRID_DEFAULTS });

const arbPositions = fc.array(
  fc.record({
    index: fc.integer({ min: 0, max: entries.length - 1 }),
    qty: fc.double({ min: -50, max: 50, noNaN: true }),
  }),
  { maxLength: 20 },
);
const arbAccounts = fc.array(
  fc.record({ positions: arbPositions, cashUsd: fc.double({ min: -1e5, max: 1e6, noNaN: true }) }),
  { minLength: 1, maxLength: 12 },
);

describe("aggregateAccounts (fast) vs aggregateAccountsReference", () => {
  it("agree on every output for random books, both aggregations, with and without a VaR add-on", () => {
    const history = uniformScenarioSet({
      underlyings: table.underlyings,
      priceShocks: Array.from({ length: 250 }, (_, k) => Math.sin(k * 1.7) * 0.08),
      volShocks: new Array(250).fill(0),
      weights: new Array(250).fill(1),
    });
    const historical = buildRiskArray({ table, scenarios: history, horizonDays: 1 });
    fc.assert(
      fc.property(
        arbAccounts,
        fc.constantFrom("per-underlying" as const, "joint" as const),
        fc.option(
          fc.record({
            measure: fc.constantFrom("var" as const, "es" as const),
            confidence: fc.constantFrom(0.95, 0.99),
            mode: fc.constantFrom("floor" as const, "additive" as const),
          }),
          { nil: undefined },
        ),
        (accounts, aggregation, addOn) => {
          const book = buildAccountBook(accounts);
          const input = {
            table,
            riskArray,
            coefficients,
            book,
            aggregation,
            mmFactor: 0.8,
            standardMmFactor: 0.75,
            ...(addOn ? { addOn: { ...addOn, riskArray: historical } } : {}),
          };
          const fast = aggregateAccounts(input);
          const ref = aggregateAccountsReference(input);
          for (const key of Object.keys(fast) as (keyof typeof fast)[]) {
            for (let a = 0; a < book.accounts; a++) {
              // Same sums in a different order: rounding only, ~1e-16 of the largest term.
              expect(Math.abs(fast[key][a]! - ref[key][a]!), `${key}[${a}]`).toBeLessThanOrEqual(1e-6);
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it("accountScenarioLosses (4 rows per pass) equals the position-by-position reference", () => {
    fc.assert(
      fc.property(arbAccounts, (accounts) => {
        const book = buildAccountBook(accounts);
        const out = new Float64Array(riskArray.scenarios);
        for (let a = 0; a < book.accounts; a++) {
          accountScenarioLosses(book, a, riskArray, out);
          const ref = accountScenarioLossesReference(book, a, riskArray);
          for (let s = 0; s < out.length; s++) expect(Math.abs(out[s]! - ref[s]!)).toBeLessThan(1e-6);
        }
      }),
    );
  });
});

describe("wasmAccountLosses (WebAssembly SIMD) vs accountScenarioLosses (JavaScript)", () => {
  it("gives the same bits for every account, with an odd and an even number of scenarios", () => {
    const even = buildRiskArray({
      table,
      scenarios: uniformScenarioSet({
        underlyings: table.underlyings,
        priceShocks: Array.from({ length: 64 }, (_, k) => Math.sin(k) * 0.1),
        volShocks: Array.from({ length: 64 }, (_, k) => Math.cos(k) * 0.3),
        weights: new Array(64).fill(1),
      }),
    });
    expect(riskArray.scenarios % 2).toBe(1);
    fc.assert(
      fc.property(arbAccounts, fc.constantFrom(riskArray, even), (accounts, ra) => {
        const book = buildAccountBook(accounts);
        const lossesOf = wasmAccountLosses(book, ra);
        const js = new Float64Array(ra.scenarios);
        for (let a = 0; a < book.accounts; a++) {
          accountScenarioLosses(book, a, ra, js);
          expect(Array.from(lossesOf(a))).toEqual(Array.from(js));
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe("accountsVarEs (whole book, selection) vs one account at a time with a sort", () => {
  it("gives every account exactly the VaR and ES of its own loss vector", () => {
    const history = uniformScenarioSet({
      underlyings: table.underlyings,
      priceShocks: Array.from({ length: 300 }, (_, k) => Math.cos(k * 2.3) * 0.07),
      volShocks: new Array(300).fill(0),
      weights: new Array(300).fill(1),
    });
    const historical = buildRiskArray({ table, scenarios: history, horizonDays: 1 });
    fc.assert(
      fc.property(arbAccounts, fc.constantFrom(0.9, 0.99, 0.5), (accounts, confidence) => {
        const book = buildAccountBook(accounts);
        const batch = accountsVarEs({ book, riskArray: historical, confidence });
        for (let a = 0; a < book.accounts; a++) {
          const losses = new Float64Array(historical.scenarios);
          accountScenarioLosses(book, a, historical, losses);
          const ref = varEsReference({ losses, confidence });
          expect([batch.var[a], batch.es[a]]).toEqual([ref.var, ref.es]);
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe("portfolio worst loss", () => {
  it("never exceeds the sum of the positions' own worst losses (diversification can only help)", () => {
    fc.assert(
      fc.property(
        arbPositions,
        fc.constantFrom("per-underlying" as const, "joint" as const),
        (positions, aggregation) => {
          const book = buildAccountBook([{ positions }, ...positions.map((p) => ({ positions: [p] }))]);
          const m = aggregateAccounts({
            table,
            riskArray,
            coefficients,
            book,
            aggregation,
            mmFactor: 0.8,
            standardMmFactor: 0.8,
          });
          let sum = 0;
          for (let a = 1; a < book.accounts; a++) sum += m.worstLoss[a]!;
          // Positions on the same instrument net inside the portfolio, which can only lower the bound's left side;
          // 1e-9 relative absorbs rounding of the sums.
          expect(m.worstLoss[0]!).toBeLessThanOrEqual(sum * (1 + 1e-9) + 1e-9);
          expect(m.worstLoss[0]!).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("is zero for an offsetting pair, with zero margin when add-ons are zero", () => {
    const book = buildAccountBook([
      {
        positions: [
          { index: 3, qty: -2.5 },
          { index: 3, qty: 2.5 },
        ],
      },
    ]);
    const m = aggregateAccounts({
      table,
      riskArray,
      coefficients,
      book,
      aggregation: "per-underlying",
      mmFactor: 0.8,
      standardMmFactor: 0.8,
    });
    expect(book.offsets[1]).toBe(0); // netted away
    expect(m.worstLoss[0]).toBe(0);
    expect(m.initial[0]).toBe(0);
    expect(m.maintenance[0]).toBe(0);
    expect(m.worstScenario[0]).toBe(-1);
  });

  it("per-underlying aggregation never gives less than joint (no cross-underlying offset)", () => {
    fc.assert(
      fc.property(arbPositions, (positions) => {
        const book = buildAccountBook([{ positions }]);
        const args = { table, riskArray, coefficients, book, mmFactor: 0.8, standardMmFactor: 0.8 };
        const per = aggregateAccounts({ ...args, aggregation: "per-underlying" });
        const joint = aggregateAccounts({ ...args, aggregation: "joint" });
        expect(per.worstLoss[0]!).toBeGreaterThanOrEqual(joint.worstLoss[0]! * (1 - 1e-12) - 1e-9);
      }),
    );
  });
});
