import { describe, expect, it } from "vitest";
import { checkBudget } from "../../simulations/recommend/budget.ts";
import type { BudgetMetrics } from "../../simulations/recommend/budget-metrics.ts";
import { gridSize, gridValue } from "../../simulations/recommend/search-space.ts";
import { prepareSearch, SearchSpecError } from "../../simulations/recommend/search-spec.ts";

const small = { accounts: 50, paths: 0, windows: ["2020-03-black-thursday"], volSpikes: null };
const spec = (over: Record<string, unknown> = {}) => ({
  fields: [{ path: "priceScanRange", min: 0.1, max: 0.5 }],
  budget: { windowBadDebt: { max: { usd: 0 } } },
  evaluation: small,
  ...over,
});

function errorOf(fn: () => unknown): SearchSpecError {
  try {
    fn();
  } catch (e) {
    if (e instanceof SearchSpecError) return e;
    throw e;
  }
  throw new Error("expected a SearchSpecError");
}

describe("prepareSearch: bad specs name the field and the reason", () => {
  it.each([
    [
      "an unknown field",
      spec({ fields: [{ path: "priceScan", min: 0.1, max: 0.2 }] }),
      "fields[0].path",
      /unknown field "priceScan" of span-grid/,
    ],
    [
      "a non-numeric field",
      spec({ fields: [{ path: "riskAddOn", min: 0, max: 1 }] }),
      "fields[0].path",
      /is a enum field of span-grid; only numeric fields/,
    ],
    [
      "a range outside the field's bounds",
      spec({ fields: [{ path: "priceScanRange", min: 0.1, max: 1.5 }] }),
      "fields[0].max",
      /1.5 is outside the bounds of priceScanRange \(greater than 0, at most 1\)/,
    ],
    [
      "an exclusive bound",
      spec({ fields: [{ path: "priceScanRange", min: 0, max: 0.5 }] }),
      "fields[0].min",
      /outside the bounds/,
    ],
    [
      "an empty range",
      spec({ fields: [{ path: "priceScanRange", min: 0.3, max: 0.3 }] }),
      "fields[0].max",
      /must be greater than min/,
    ],
    ["an empty budget", spec({ budget: {} }), "budget", /empty: state at least one constraint/],
    [
      "a budget whose constraints are all removed",
      spec({
        appetite: "moderate",
        budget: { windowBadDebt: null, monteCarloBadDebtEs99: null, backtest: null },
      }),
      "budget",
      /empty/,
    ],
    [
      "a Monte Carlo limit without paths",
      spec({ budget: { monteCarloBadDebtEs99: { max: { usd: 1 } } } }),
      "budget.monteCarloBadDebtEs99",
      /no Monte Carlo paths/,
    ],
    [
      "a cap that leaves no room",
      spec({ fields: [{ path: "priceScanRange", min: 0.5, max: 0.9 }], changeCap: 0.1 }),
      "changeCap",
      /leaves no room to search priceScanRange/,
    ],
    ["an unknown spec key", spec({ seeds: 3 }), "seeds", /unknown field/],
    [
      "an unknown appetite",
      spec({ appetite: "reckless" }),
      "appetite",
      /must be one of conservative, moderate, aggressive/,
    ],
    [
      "a bad evaluation input",
      spec({ evaluation: { ...small, accounts: 0 } }),
      "evaluation.accounts",
      /must be at least 1/,
    ],
    [
      "a screening window the full evaluation does not replay",
      spec({ screening: { windows: ["2022-11-ftx"] } }),
      "screening.windows[0]",
      /not replayed in the full evaluation/,
    ],
    [
      "a whole-number field with a fractional step",
      spec({ fields: [{ path: "priceScanSteps", min: 2, max: 8, step: 0.5 }] }),
      "fields[0].step",
      /must be a whole number/,
    ],
  ])("%s", (_what, s, field, reason) => {
    const e = errorOf(() => prepareSearch({ live: {}, spec: s }));
    expect(e.message.split(": ")[0]).toBe(field);
    expect(e.reason).toMatch(reason);
  });

  it("names a bad live set's field", () => {
    const e = errorOf(() => prepareSearch({ live: { priceScanRange: 2 }, spec: spec() }));
    expect(e.message).toMatch(/^live\.priceScanRange: /);
  });
});

describe("prepareSearch: the searched box", () => {
  it("narrows the range to the steward limit and the change cap around live, and grids it", () => {
    const p = prepareSearch({
      live: { priceScanRange: 0.2, volShockUp: 0.4 },
      spec: spec({
        fields: [
          { path: "priceScanRange", min: 0.1, max: 0.5, step: 0.01, maxRelativeChange: 0.5 },
          { path: "volShockUp", min: 0.1, max: 1 },
        ],
        changeCap: 0.25,
      }),
    });
    const [scan, vol] = p.dims;
    // priceScanRange: [0.1, 0.5] within 50% of 0.2 is [0.1, 0.3]; within the 25% cap, [0.15, 0.25].
    expect(scan!.lo).toBeCloseTo(0.15, 12);
    expect(scan!.hi).toBeCloseTo(0.25, 12);
    expect(gridSize(scan!)).toBe(10);
    expect(gridValue(scan!, 3)).toBe(0.18);
    // volShockUp: 0.4 +- 25% = [0.3, 0.5]; default step: range / 64.
    expect(vol!.lo).toBeCloseTo(0.3, 12);
    expect(vol!.hi).toBeCloseTo(0.5, 12);
    expect(vol!.step).toBeCloseTo(0.2 / 64, 12);
  });

  it("searches dotted paths of a nested model and one key of a record field", () => {
    const p = prepareSearch({
      live: { model: "derive-pm2", collateral: { imHaircuts: { ETH: 0.1 } } },
      spec: spec({
        fields: [
          { path: "margin.mmFactor", min: 0.6, max: 1 },
          { path: "collateral.imHaircuts.ETH", min: 0, max: 0.5 },
        ],
      }),
    });
    expect(p.dims.map((d) => d.path)).toEqual(["margin.mmFactor", "collateral.imHaircuts.ETH"]);
  });

  it("uses the moderate appetite by default and says so; overrides make it custom", () => {
    const noBudget = spec({ evaluation: { ...small, paths: 5 } });
    delete (noBudget as { budget?: unknown }).budget;
    const p = prepareSearch({ live: {}, spec: noBudget });
    expect(p.appetite.id).toBe("moderate");
    expect(p.budget.backtest).toEqual({ minCoverage: 0.99, kupiec: true });
    const q = prepareSearch({
      live: {},
      spec: { ...noBudget, appetite: "moderate", budget: { backtest: null } },
    });
    expect(q.appetite.id).toBe("custom");
    expect(q.budget.backtest).toBeNull();
    expect(q.budget.windowBadDebt).toEqual({ max: { fractionOfFund: 0.25 } });
  });
});

describe("checkBudget", () => {
  const m: BudgetMetrics = {
    initialMarginUsd: 1_000_000,
    standardMarginUsd: 2_000_000,
    insuranceFundUsd: 100_000,
    windowBadDebtUsd: { "2020-03-black-thursday": 30_000, "2022-11-ftx": 0 },
    monteCarloBadDebtEs99Usd: 40_000,
    coverage: 0.985,
    observations: 1000,
    breaches: 15,
    tooManyBreaches: false,
    kupiecPValue: 0.14,
  };

  it("checks each constraint and normalises the excess by the fund and the breach rate", () => {
    const c = checkBudget(
      {
        windowBadDebt: { max: { fractionOfFund: 0.25 } },
        monteCarloBadDebtEs99: { max: { usd: 50_000 } },
        backtest: { minCoverage: 0.99, kupiec: true },
      },
      m,
    );
    expect(c.checks.map((x) => [x.constraint, x.ok])).toEqual([
      ["windowBadDebt.2020-03-black-thursday", false],
      ["windowBadDebt.2022-11-ftx", true],
      ["monteCarloBadDebtEs99", true],
      ["backtest.coverage", false],
      ["backtest.kupiec", true],
    ]);
    // (30,000 - 25,000) / 100,000 + (0.99 - 0.985) / 0.01 = 0.05 + 0.5.
    expect(c.violation).toBeCloseTo(0.55, 12);
    expect(c.feasible).toBe(false);
  });

  it("scales USD limits for a screening population and leaves fund shares alone", () => {
    const c = checkBudget({ monteCarloBadDebtEs99: { max: { usd: 100_000 } } }, m, 0.3);
    expect(c.checks[0]!.limit).toBe(30_000);
    expect(c.feasible).toBe(false);
  });
});
