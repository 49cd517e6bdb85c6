// Property-based fuzzing of the engine's inputs (10,000 cases each): any JSON either computes a margin report
// whose every number is finite, or is refused with an EngineError naming a field and a reason. Never a crash,
// never NaN.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeMargin, EngineError } from "../../simulations/index.ts";

function allNumbersFinite(value: unknown): boolean {
  if (typeof value === "number") return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(allNumbersFinite);
  if (value && typeof value === "object") return Object.values(value).every(allNumbersFinite);
  return true;
}

function checked(run: () => unknown): boolean {
  try {
    return allNumbersFinite(run());
  } catch (e) {
    if (!(e instanceof EngineError)) throw e;
    return e.reason.length > 0 && e.message.length > 0;
  }
}

const AS_OF = "2024-06-01T08:00:00Z";
const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const number = fc.oneof(
  fc.double({ noNaN: false }),
  fc.double({ min: -1e6, max: 1e7, noNaN: true }),
  fc.constantFrom(0, -0, 1e-300, Number.MAX_VALUE),
);

const instrument = fc.oneof(
  fc
    .record({
      u: fc.constantFrom("BTC", "ETH", "SOL"),
      d: fc.integer({ min: 1, max: 31 }),
      m: fc.constantFrom(...MONTHS),
      y: fc.integer({ min: 23, max: 27 }),
      k: fc.integer({ min: 1, max: 500_000 }),
      c: fc.constantFrom("C", "P"),
    })
    .map(({ u, d, m, y, k, c }) => `${u}-${d}${m}${y}-${k}-${c}`),
  fc.constantFrom("BTC-PERP", "ETH-PERP", "BTC-28JUN24", "BTC-31JUN24-1-C", "BTC-PERP-X", ""),
  fc.string(),
);

const market = fc.record({
  asOf: fc.oneof(fc.constant(AS_OF), fc.string()),
  underlyings: fc.record({
    BTC: fc.record(
      { spot: number, vol: number, rate: fc.option(number, { nil: undefined }) },
      { requiredKeys: ["spot", "vol"] },
    ),
    ETH: fc.record({ spot: number, vol: number }),
  }),
});

const portfolio = fc.record({
  collateral: fc.oneof(
    number,
    fc.array(fc.record({ asset: fc.constantFrom("USDC", "BTC", "ETH", "DOGE", ""), amount: number }), {
      maxLength: 3,
    }),
  ),
  positions: fc.array(
    fc.record(
      { instrument, qty: number, iv: fc.option(number, { nil: undefined }) },
      { requiredKeys: ["instrument", "qty"] },
    ),
    {
      maxLength: 6,
    },
  ),
});

const params = fc.oneof(
  fc.constant({}),
  fc.record(
    {
      priceScanRange: number,
      volShockUp: number,
      volShockDown: number,
      mmFactor: number,
      horizonDays: number,
      extremeMoveMultiple: number,
      collateralHaircuts: fc.dictionary(fc.constantFrom("BTC", "ETH", "X"), number),
      unknownField: fc.jsonValue(),
    },
    { requiredKeys: [] },
  ),
);

describe("engine inputs under fuzzing", () => {
  it("10,000 structured portfolios, markets and parameter sets: a finite report or a field-level error", () => {
    fc.assert(
      fc.property(market, portfolio, params, (m, p, x) =>
        checked(() => computeMargin({ market: m, portfolio: p, params: x })),
      ),
      { numRuns: 10_000, seed: 42 },
    );
  });

  it("10,000 arbitrary JSON documents in every input: a field-level error, never a crash", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), fc.jsonValue(), (m, p, x) =>
        checked(() => computeMargin({ market: m, portfolio: p, params: x })),
      ),
      { numRuns: 10_000, seed: 43 },
    );
  });

  it("accepts a sane portfolio (the fuzzing above is not only rejections)", () => {
    const report = computeMargin({
      market: { asOf: AS_OF, underlyings: { BTC: { spot: 67_500, vol: 0.55 } } },
      portfolio: { collateral: 10_000, positions: [{ instrument: "BTC-28JUN24-62000-P", qty: -1 }] },
    });
    expect(report.worstLoss).toBeGreaterThan(0);
    expect(allNumbersFinite(report)).toBe(true);
  });
});
