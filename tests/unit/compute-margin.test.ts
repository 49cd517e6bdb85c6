import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { computeMargin } from "../../simulations/engine/compute-margin.ts";
import { jointDailyReturns } from "../../simulations/market/history.ts";

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../fixtures/engine/${name}`, import.meta.url), "utf8"));
const market = fixture("market.json");
const noAddOns = { shortOptionMinFraction: 0, linearContingencyFraction: 0, riskAddOn: "none" };

describe("computeMargin: hedged structures cost less under portfolio margin than standard margin", () => {
  it.each(["portfolio-butterfly.json", "portfolio-covered-call.json", "portfolio-box.json"])("%s", (name) => {
    const r = computeMargin({ market, portfolio: fixture(name) });
    expect(r.portfolioMargin.initial).toBeGreaterThan(0);
    expect(r.portfolioMargin.initial).toBeLessThan(r.standardMargin.initial);
    // Spreads with bounded risk save most of the standard margin; a covered call keeps the perp's
    // downside (standard margin charges a perp only c = 2% of notional), so it saves less.
    if (name !== "portfolio-covered-call.json") {
      expect(r.portfolioMargin.initial).toBeLessThan(0.5 * r.standardMargin.initial);
    }
  });

  it("a long box has almost no scenario risk: its payoff is fixed (K2 - K1) at expiry", () => {
    const r = computeMargin({ market, portfolio: fixture("portfolio-box.json"), params: noAddOns });
    // Only the discounting of 10,000 USD over 118 days at 5% moves, by far less than 1 USD per scenario.
    expect(r.worstLoss).toBeLessThan(1);
  });
});

describe("computeMargin: margin arithmetic", () => {
  it("an offsetting pair has zero worst loss and zero margin, even with default contingencies", () => {
    const r = computeMargin({ market, portfolio: fixture("portfolio-offsetting.json") });
    expect(r.worstLoss).toBe(0);
    expect(r.portfolioMargin.initial).toBe(0);
    expect(r.portfolioMargin.maintenance).toBe(0);
    expect(r.standardMargin.initial).toBe(0);
    expect(r.positions.map((p) => p.instrument)).toEqual(["BTC-28JUN24-65000-P", "BTC-28JUN24-65000-P"]);
  });

  it("with every add-on at zero, initial = worstLoss exactly; maintenance = initial x mmFactor", () => {
    const r = computeMargin({
      market,
      portfolio: fixture("portfolio-short-strangle.json"),
      params: fixture("params-no-addons.json"),
    });
    expect(r.portfolioMargin.initial).toBe(r.worstLoss);
    expect(r.portfolioMargin.maintenance).toBe(r.worstLoss * 0.8);
    expect(r.portfolioMargin.components).toEqual({
      worstLoss: r.worstLoss,
      shortOptionMinimum: 0,
      linearContingency: 0,
      riskAddOn: 0,
    });
  });

  it("contingencies: short-option minimum per net short contract and perp notional fraction", () => {
    const params = { shortOptionMinFraction: 0.01, linearContingencyFraction: 0.02 };
    const r = computeMargin({ market, portfolio: fixture("portfolio-short-strangle.json"), params });
    // 4 short BTC options x 1% of 67,500; 0.3 BTC perp x 2% of 67,500. The long ETH call adds nothing.
    expect(r.portfolioMargin.components.shortOptionMinimum).toBeCloseTo(4 * 675, 9);
    expect(r.portfolioMargin.components.linearContingency).toBeCloseTo(0.3 * 1350, 9);
    expect(r.portfolioMargin.initial).toBeCloseTo(r.worstLoss + 2700 + 405, 9);
  });

  it("standard margin follows (max(a - OTM/S, b) S + mark) |qty| and c S |qty|", () => {
    const r = computeMargin({ market, portfolio: fixture("portfolio-covered-call.json") });
    const call = r.positions[1]!;
    // Short 72,000 call with spot 67,500: OTM 4,500 = 6.67% of spot, so max(0.15 - 0.0667, 0.10) = 0.10.
    const expected = (0.1 * 67_500 + call.price) * 1 + 0.02 * 67_500 * 1;
    expect(r.standardMargin.initial).toBeCloseTo(expected, 9);
    expect(r.standardMargin.maintenance).toBeCloseTo(expected * 0.8, 9);
    // An ITM short put pays the full base: max(0.15 - 0, 0.10) = 0.15.
    const itm = computeMargin({
      market,
      portfolio: { positions: [{ instrument: "BTC-28JUN24-70000-P", qty: -2 }] },
    });
    expect(itm.standardMargin.initial).toBeCloseTo((0.15 * 67_500 + itm.positions[0]!.price) * 2, 9);
  });

  it("greeks are qty-weighted sums per underlying; explicit objects get Deribit names", () => {
    const r = computeMargin({ market, portfolio: fixture("portfolio-short-strangle.json") });
    expect(r.positions.map((p) => p.instrument)).toEqual([
      "BTC-28JUN24-75000-C",
      "BTC-28JUN24-60000-P",
      "BTC-PERP",
      "ETH-27SEP24-4000-C",
    ]);
    const btc = r.positions.slice(0, 3).reduce((s, p) => s + p.qty * p.delta, 0);
    expect(r.greeks.BTC!.delta).toBeCloseTo(btc, 12);
    expect(r.greeks.ETH!.vega).toBeCloseTo(10 * r.positions[3]!.vega, 12);
    expect(r.positions[2]).toMatchObject({ price: 67_500, delta: 1, gamma: 0, vega: 0, theta: 0 });
  });

  it("explicit scenarios replace the grid by their cross product; horizon adds time decay", () => {
    const r = computeMargin({
      market,
      portfolio: fixture("portfolio-short-strangle.json"),
      params: fixture("params-explicit-scenarios.json"),
    });
    expect(r.scenarioLosses).toHaveLength(10);
    expect(r.scenarioLosses.map((s) => [s.priceShock, s.volShock]).slice(0, 2)).toEqual([
      [-0.2, -0.25],
      [-0.2, 0.25],
    ]);
    expect(r.portfolioMargin.maintenance).toBeCloseTo(r.portfolioMargin.initial * 0.75, 9);
    const worst = Math.max(...r.scenarioLosses.map((s) => s.byUnderlying.BTC!));
    const worstEth = Math.max(0, ...r.scenarioLosses.map((s) => s.byUnderlying.ETH!));
    expect(r.worstLoss).toBeCloseTo(worst + worstEth, 9);
  });

  it("worstLoss is the sum over underlyings of each one's worst scenario (no BTC/ETH offset by default)", () => {
    const r = computeMargin({ market, portfolio: fixture("portfolio-short-strangle.json") });
    const perUnderlying = ["BTC", "ETH"].map((u) =>
      Math.max(0, ...r.scenarioLosses.map((s) => s.byUnderlying[u]!)),
    );
    expect(r.worstLoss).toBeCloseTo(perUnderlying[0]! + perUnderlying[1]!, 9);
    const joint = computeMargin({
      market,
      portfolio: fixture("portfolio-short-strangle.json"),
      params: { underlyingAggregation: "joint" },
    });
    expect(joint.worstLoss).toBeCloseTo(Math.max(0, ...r.scenarioLosses.map((s) => s.loss)), 9);
    expect(joint.worstLoss).toBeLessThanOrEqual(r.worstLoss);
  });
});

describe("computeMargin: collateral across assets", () => {
  it("BTC collateral loses value in the same scenarios as a short BTC put book (wrong-way risk)", () => {
    const withBtc = computeMargin({ market, portfolio: fixture("portfolio-btc-collateral-short-put.json") });
    const btc = withBtc.collateral.holdings[0]!;
    expect(btc).toMatchObject({ asset: "BTC", amount: 1, priceUsd: 67_500, haircut: 0.05 });
    const usdEquivalent = computeMargin({
      market,
      portfolio: {
        collateral: [{ asset: "USDC", amount: 5_000 + btc.haircutValueUsd }],
        positions: [{ instrument: "BTC-28JUN24-62000-P", qty: -2 }],
      },
    });
    expect(withBtc.account.equity).toBeCloseTo(usdEquivalent.account.equity, 6);
    // Both books are worst at -15% spot: the BTC collateral adds 15% of its haircut value to that loss.
    expect(withBtc.worstScenario.priceShock).toBeCloseTo(-0.15, 12);
    expect(usdEquivalent.worstScenario.priceShock).toBeCloseTo(-0.15, 12);
    const collateralLoss = 0.15 * btc.haircutValueUsd;
    expect(withBtc.worstLoss - usdEquivalent.worstLoss).toBeCloseTo(collateralLoss, 6);
    expect(withBtc.account.marginRatio!).toBeGreaterThan(usdEquivalent.account.marginRatio!);
  });

  it("reports equity, excess and ratio: equity = cash + haircut collateral + option marks", () => {
    const r = computeMargin({ market, portfolio: fixture("portfolio-btc-collateral-short-put.json") });
    const mark = r.positions[0]!.price;
    expect(r.account.equity).toBeCloseTo(5_000 + 67_500 * 0.95 - 2 * mark, 6);
    expect(r.account.initialExcess).toBeCloseTo(r.account.equity - r.portfolioMargin.initial, 6);
    expect(r.account.maintenanceExcess).toBeCloseTo(r.account.equity - r.portfolioMargin.maintenance, 6);
    expect(r.account.marginRatio).toBeCloseTo(r.portfolioMargin.maintenance / r.account.equity, 12);
    const broke = computeMargin({ market, portfolio: { collateral: -10, positions: [] } });
    expect(broke.account.marginRatio).toBeNull();
  });

  it("per-asset haircuts come from the parameters; unknown non-stable assets take the default", () => {
    const m = {
      asOf: "2024-06-01T08:00:00Z",
      underlyings: { BTC: { spot: 100, vol: 0.5 }, SOL: { spot: 10, vol: 0.8 } },
    };
    const r = computeMargin({
      market: m,
      portfolio: {
        collateral: [
          { asset: "BTC", amount: 1 },
          { asset: "SOL", amount: 10 },
          { asset: "USDT", amount: 7 },
        ],
        positions: [],
      },
      params: { collateralHaircuts: { BTC: 0.1 }, defaultCollateralHaircut: 0.3 },
    });
    expect(r.collateral.holdings.map((h) => h.haircut)).toEqual([0.1, 0.3, 0]);
    expect(r.collateral.haircutValueUsd).toBeCloseTo(90 + 70 + 7, 9);
  });
});

describe("computeMargin: VaR and ES from real history", () => {
  const portfolio = fixture("portfolio-btc-collateral-short-put.json");
  const history = jointDailyReturns(["BTC"], { days: 1000, endDate: "2024-05-31" });

  it("reports historical and filtered VaR/ES, with ES >= VaR > 0 for a short put on BTC collateral", () => {
    const r = computeMargin({ market, portfolio, history, params: { varLookbackDays: 1000 } });
    for (const m of ["historical", "filtered"] as const) {
      expect(r.var[m]!).toBeGreaterThan(0);
      expect(r.es[m]!).toBeGreaterThanOrEqual(r.var[m]!);
    }
    expect(r.var).toMatchObject({ confidence: 0.99, horizonDays: 1, observations: 1000, to: "2024-05-31" });
    expect(r.portfolioMargin.components.riskAddOn).toBe(0);
  });

  it("the parameter set chooses which measure enters margin, as an additive or floor add-on", () => {
    const additive = computeMargin({
      market,
      portfolio,
      history,
      params: { varLookbackDays: 1000, riskAddOn: "filtered-es", riskAddOnMode: "additive" },
    });
    expect(additive.portfolioMargin.components.riskAddOn).toBeCloseTo(additive.es.filtered!, 9);
    const floor = computeMargin({
      market,
      portfolio,
      history,
      params: { varLookbackDays: 1000, riskAddOn: "historical-var", riskAddOnMode: "floor", horizonDays: 0 },
    });
    expect(floor.portfolioMargin.components.riskAddOn).toBeCloseTo(
      Math.max(0, floor.var.historical! - floor.worstLoss),
      9,
    );
  });

  it("without history VaR/ES are reported unavailable, and an add-on that needs them is an error", () => {
    const r = computeMargin({ market, portfolio, historyUnavailable: "no market history for symbol BTC" });
    expect(r.var.historical).toBeNull();
    expect(r.var.unavailable).toMatch(/no market history/);
    expect(() => computeMargin({ market, portfolio, params: { riskAddOn: "historical-es" } })).toThrow(
      /riskAddOn: historical-es add-on needs historical returns/,
    );
  });
});

describe("computeMargin: input bounds keep every number finite", () => {
  it.each([
    [
      { asOf: "2024-06-01T08:00:00Z", underlyings: { BTC: { spot: 1e300, vol: 0.5 } } },
      {},
      /underlyings\.BTC\.spot: spot must be at most 1e12/,
    ],
    [
      market,
      { positions: [{ instrument: "BTC-PERP", qty: 1e300 }] },
      /positions\[0\]\.qty: qty must be within/,
    ],
    [market, { collateral: 1e300, positions: [] }, /collateral: collateral must be within/],
    [market, { positions: [{ instrument: "BTC-28JUN24-1e300-C", qty: 1 }] }, /unknown instrument format/],
  ])("refuses extreme values with the field's path (%#)", (m, portfolio, reason) => {
    expect(() => computeMargin({ market: m, portfolio })).toThrow(reason);
  });

  it("the largest accepted sizes still give a finite report", () => {
    const r = computeMargin({
      market: { asOf: "2024-06-01T08:00:00Z", underlyings: { BTC: { spot: 1e12, vol: 10, rate: 1 } } },
      portfolio: {
        collateral: 1e15,
        positions: [
          { instrument: "BTC-PERP", qty: -1e12 },
          {
            type: "option",
            underlying: "BTC",
            expiry: "2030-01-01",
            strike: 1e12,
            kind: "put",
            qty: -1e12,
            iv: 10,
          },
        ],
      },
      params: { scenarios: { priceShocks: [-0.999999, 10], volShocks: [-1, 10] } },
    });
    const finite = (v: unknown): boolean =>
      typeof v === "number"
        ? Number.isFinite(v)
        : v && typeof v === "object"
          ? Object.values(v).every(finite)
          : true;
    expect(finite(r)).toBe(true);
    expect(Number.isFinite(r.portfolioMargin.initial)).toBe(true);
  });
});
