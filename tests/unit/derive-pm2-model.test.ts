import { describe, expect, it } from "vitest";
import { computeMargin } from "../../simulations/engine/compute-margin.ts";
import { EngineError } from "../../simulations/errors.ts";
import { SECONDS_PER_YEAR } from "../../simulations/models/derive-pm2/black76.ts";
import type { DerivePm2Input, ExpiryFeed } from "../../simulations/models/derive-pm2/input.ts";
import { computeDerivePm2Margin } from "../../simulations/models/derive-pm2/margin.ts";
import { derivePm2ModelDefaults } from "../../simulations/models/derive-pm2/model.ts";
import { deribitStylePreset, derivePm2Defaults } from "../../simulations/models/derive-pm2/presets.ts";
import {
  diffParams,
  fieldDefault,
  getModel,
  listModels,
  listPresets,
  parseParamSet,
} from "../../simulations/models/registry.ts";
import { frontierSet, resolveSet } from "../../simulations/simulation/param-sets.ts";
import { runSimulation } from "../../simulations/simulation/run-simulation.ts";

/**
 * MM and IM agree to 1e-9 relative: both sides run the same Derive code on the same numbers; the
 * only differences are the order of summing and the flat SVI's sqrt(vol^2 T / T), a few ulps.
 */
const REL = 1e-9;
const close = (a: number, b: number) =>
  expect(Math.abs(a - b)).toBeLessThanOrEqual(REL * Math.max(1, Math.abs(b)));

const AS_OF = "2024-06-01T08:00:00Z";
const asOfMs = Date.parse(AS_OF);
const market = {
  asOf: AS_OF,
  underlyings: { BTC: { spot: 60_000, vol: 0.6, rate: 0.03 }, ETH: { spot: 3_000, vol: 0.7, rate: 0 } },
};
const JUN28 = Date.UTC(2024, 5, 28, 8);
const SEP27 = Date.UTC(2024, 8, 27, 8);
const sec = (ms: number) => (ms - asOfMs) / 1000;

/** A Derive feed written out by hand: forward S e^{rT}, flat SVI total variance vol^2 T. */
function feed(spot: number, vol: number, rate: number, expiryMs: number): ExpiryFeed {
  const s = sec(expiryMs);
  const t = s / SECONDS_PER_YEAR;
  const forward = spot * Math.exp(rate * t);
  return {
    secToExpiry: s,
    forward,
    forwardFixed: 0,
    forwardConfidence: 1,
    rate,
    rateConfidence: 1,
    svi: { a: vol * vol * t, b: 0, rho: 0, m: 0, sigma: 0, forward, tauYears: t },
    volConfidence: 1,
  };
}

const btcPortfolio = {
  collateral: [
    { asset: "USDC", amount: 50_000 },
    { asset: "BTC", amount: 1 },
  ],
  positions: [
    { instrument: "BTC-28JUN24-55000-C", qty: 1 },
    { instrument: "BTC-28JUN24-60000-C", qty: -2 },
    { instrument: "BTC-28JUN24-65000-C", qty: 1 },
    { instrument: "BTC-27SEP24-50000-P", qty: -3 },
    { instrument: "BTC-PERP", qty: -0.5 },
  ],
};

/** The same account in Derive's native input. */
const btcNative: DerivePm2Input = {
  spot: { price: 60_000, confidence: 1 },
  stable: { price: 1, confidence: 1 },
  cash: 50_000,
  perp: { amount: -0.5, price: 60_000, confidence: 1, unrealisedPnl: 0, unrealisedFunding: 0 },
  feeds: [feed(60_000, 0.6, 0.03, JUN28), feed(60_000, 0.6, 0.03, SEP27)],
  options: [
    { secToExpiry: sec(JUN28), strike: 55_000, isCall: true, amount: 1 },
    { secToExpiry: sec(JUN28), strike: 60_000, isCall: true, amount: -2 },
    { secToExpiry: sec(JUN28), strike: 65_000, isCall: true, amount: 1 },
    { secToExpiry: sec(SEP27), strike: 50_000, isCall: false, amount: -3 },
  ],
  collaterals: [
    {
      name: "BTC",
      amount: 1,
      price: 60_000,
      confidence: 1,
      isRiskCancelling: true,
      mmHaircut: 0.02,
      imHaircut: 0.03,
    },
  ],
};

describe("derive-pm2 in the model registry", () => {
  it("the registry lists both models and the presets, each usable as a live set", () => {
    expect(listModels().map((m) => m.id)).toEqual(expect.arrayContaining(["span-grid", "derive-pm2"]));
    const presets = listPresets();
    expect(presets.map((p) => p.id)).toEqual(["span-grid-default", "derive-pm2-mainnet", "deribit-style"]);
    for (const p of presets) {
      const { model, params } = parseParamSet({ model: p.model, ...(p.params as object) });
      expect(model.id).toBe(p.model);
      expect(params).toEqual(p.params);
    }
    const deribit = presets.find((p) => p.id === "deribit-style")!.params as typeof derivePm2ModelDefaults;
    expect(deribit.margin.mmFactor).toBe(0.8);
    expect(deribit.scenarios).toEqual(deribitStylePreset.scenarios);
  });

  it("fields are keyed by path, with bounds from Derive's schema, and defaults found by path", () => {
    const m = getModel("derive-pm2");
    expect(m.fields["margin.mmFactor"]).toMatchObject({ kind: "number", bounds: { min: 0.5, max: 10 } });
    expect(m.fields["basisContingency.scenarioSpotUp"]?.bounds).toMatchObject({
      min: 1,
      exclusiveMin: true,
      max: 3,
      exclusiveMax: true,
    });
    const scenarios = m.fields.scenarios;
    expect(scenarios?.kind).toBe("list");
    if (scenarios?.kind !== "list") throw new Error("scenarios is a list field");
    expect(scenarios.items.volShock?.options).toEqual(["Up", "Down", "None", "Linear", "Abs"]);
    expect(scenarios.items.spotShock).toMatchObject({ kind: "number", bounds: { min: 0 } });
    // The row count the form allows is the schema's.
    expect(scenarios).toMatchObject({ itemLabel: "Scenario", minItems: 1, maxItems: 40 });
    expect(() => m.resolveParams({ scenarios: [] })).toThrow();
    expect(() => m.resolveParams({ scenarios: Array(41).fill(derivePm2Defaults.scenarios[0]) })).toThrow();
    expect(() =>
      m.resolveParams({ scenarios: Array(40).fill(derivePm2Defaults.scenarios[0]) }),
    ).not.toThrow();
    expect(m.fields["collateral.mmHaircuts"]?.kind).toBe("record");
    expect(fieldDefault(m, "margin.mmFactor")).toBe(0.8);
    expect(fieldDefault(m, "volShock.volRangeDown")).toBe(0.275);
    // Every field of the defaults has metadata (the scenario list as one field).
    const leaves = Object.entries(derivePm2ModelDefaults).flatMap(([g, v]) =>
      Array.isArray(v) ? [g] : Object.keys(v).map((k) => `${g}.${k}`),
    );
    expect(Object.keys(m.fields).sort()).toEqual(leaves.sort());
  });

  it("a partial nested set merges field by field onto the defaults", () => {
    const { params } = parseParamSet({
      model: "derive-pm2",
      margin: { mmFactor: 0.9 },
      collateral: { mmHaircuts: { BTC: 0.05 } },
    });
    const p = params as typeof derivePm2ModelDefaults;
    expect(p.margin).toEqual({ ...derivePm2Defaults.margin, mmFactor: 0.9 });
    expect(p.collateral.mmHaircuts).toEqual({ BTC: 0.05 });
    expect(p.collateral.defaultImHaircut).toBe(0.03);
    expect(p.scenarios).toEqual(derivePm2Defaults.scenarios);
  });

  it("a bad nested field is rejected with its path", () => {
    const reject = (value: unknown) => {
      try {
        parseParamSet(value);
      } catch (e) {
        expect(e).toBeInstanceOf(EngineError);
        const err = e as EngineError;
        return { path: err.path, reason: err.reason };
      }
      throw new Error("accepted");
    };
    expect(reject({ model: "derive-pm2", margin: { mmFactr: 1 } })).toEqual({
      path: ["margin", "mmFactr"],
      reason: "unknown field",
    });
    expect(reject({ model: "derive-pm2", margin: { mmFactor: 0.1 } }).path).toEqual(["margin", "mmFactor"]);
    expect(reject({ model: "derive-pm2", bogus: {} }).path).toEqual(["bogus"]);
    expect(reject({ model: "derive-pm2", collateral: { imHaircuts: { BTC: 2 } } }).path).toEqual([
      "collateral",
      "imHaircuts",
      "BTC",
    ]);
    const skewAsRegular = { spotShock: 1, volShock: "Linear", dampening: 1, kind: "regular" };
    expect(reject({ model: "derive-pm2", scenarios: [skewAsRegular] }).path).toEqual([
      "scenarios",
      0,
      "kind",
    ]);
  });

  it("diffs leaf fields by path, records per key and the scenario list as a whole", () => {
    const diff = diffParams(
      { model: "derive-pm2" },
      {
        model: "derive-pm2",
        margin: { mmFactor: 0.9 },
        collateral: { mmHaircuts: { BTC: 0.05 } },
        scenarios: deribitStylePreset.scenarios,
      },
    );
    expect(diff.map((d) => d.path)).toEqual(["scenarios", "margin.mmFactor", "collateral.mmHaircuts.BTC"]);
    expect(diff[1]).toEqual({
      path: "margin.mmFactor",
      from: 0.8,
      to: 0.9,
      label: "MM loss factor",
      unit: "multiplier",
    });
    expect(diff[0]?.to).toEqual(deribitStylePreset.scenarios);
    expect(diffParams({ model: "derive-pm2" }, {})).toEqual([
      { path: "model", from: "derive-pm2", to: "span-grid", label: "Margin model", unit: "" },
    ]);
  });

  it("computeMargin through the adapter equals computeDerivePm2Margin on the native input", () => {
    const report = computeMargin({ market, portfolio: btcPortfolio, params: { model: "derive-pm2" } });
    const native = computeDerivePm2Margin(btcNative, derivePm2Defaults);
    expect(report.model).toBe("derive-pm2");
    close(report.account.maintenanceExcess, native.mm);
    close(report.account.initialExcess, native.im);
    close(report.portfolioMargin.components.deriveMM!, native.mm);
    close(report.portfolioMargin.components.deriveIM!, native.im);
    close(report.account.equity, native.markToMarket);
    close(report.portfolioMargin.maintenance, native.markToMarket - native.mm);
    close(report.portfolioMargin.components.worstRegularLoss!, -native.worstRegularLoss);
    close(report.portfolioMargin.components.basisContingency!, -native.basisContingency);
    expect(report.scenarioLosses).toHaveLength(native.scenarios.length);
    report.scenarioLosses.forEach((s, i) => {
      close(s.loss, -native.scenarios[i]!.pnl);
      expect(s.priceShock).toBeCloseTo(native.scenarios[i]!.spotShock - 1, 12);
    });
    // The binding loss is what the report calls worst loss.
    close(report.worstLoss, -native.worstLoss);
    expect(report.var.unavailable).toMatch(/no VaR/);
  });

  it("each underlying is its own Derive account; requirements add up", () => {
    const eth = { instrument: "ETH-27SEP24-3000-P", qty: -3 };
    const report = computeMargin({
      market,
      portfolio: { ...btcPortfolio, positions: [...btcPortfolio.positions, eth] },
      params: { model: "derive-pm2", margin: { mmFactor: 0.9 } },
    });
    const params = { ...derivePm2Defaults, margin: { ...derivePm2Defaults.margin, mmFactor: 0.9 } };
    const btc = computeDerivePm2Margin(btcNative, params);
    const ethNative: DerivePm2Input = {
      spot: { price: 3_000, confidence: 1 },
      stable: { price: 1, confidence: 1 },
      cash: 0,
      feeds: [feed(3_000, 0.7, 0, SEP27)],
      options: [{ secToExpiry: sec(SEP27), strike: 3_000, isCall: false, amount: -3 }],
      collaterals: [],
    };
    const e = computeDerivePm2Margin(ethNative, params);
    close(report.account.maintenanceExcess, btc.mm + e.mm);
    close(report.account.initialExcess, btc.im + e.im);
    expect(report.scenarioLosses[0]?.byUnderlying).toHaveProperty("ETH");
  });

  it("a position's own iv is the vol Derive revalues it at", () => {
    const withIv = computeMargin({
      market,
      portfolio: { collateral: 0, positions: [{ instrument: "BTC-27SEP24-50000-P", qty: -3, iv: 0.9 }] },
      params: { model: "derive-pm2" },
    });
    const atThatVol = computeMargin({
      market: { ...market, underlyings: { BTC: { spot: 60_000, vol: 0.9, rate: 0.03 } } },
      portfolio: { collateral: 0, positions: [{ instrument: "BTC-27SEP24-50000-P", qty: -3 }] },
      params: { model: "derive-pm2" },
    });
    close(withIv.portfolioMargin.initial, atThatVol.portfolioMargin.initial);
    close(withIv.account.equity, atThatVol.account.equity);
  });

  it("a butterfly costs less than standard margin", () => {
    const fly = {
      collateral: 10_000,
      positions: [
        { instrument: "BTC-28JUN24-55000-C", qty: 1 },
        { instrument: "BTC-28JUN24-60000-C", qty: -2 },
        { instrument: "BTC-28JUN24-65000-C", qty: 1 },
      ],
    };
    const r = computeMargin({ market, portfolio: fly, params: { model: "derive-pm2" } });
    expect(r.portfolioMargin.initial).toBeGreaterThan(0);
    expect(r.portfolioMargin.initial).toBeLessThan(r.standardMargin.initial);
    expect(r.portfolioMargin.maintenance).toBeLessThan(r.portfolioMargin.initial);
  });

  it("bad generic inputs keep the engine's errors", () => {
    expect(() =>
      computeMargin({
        market,
        portfolio: { collateral: [{ asset: "SOL", amount: 1 }], positions: [] },
        params: { model: "derive-pm2" },
      }),
    ).toThrow(/collateral asset SOL has no spot/);
    expect(() =>
      computeMargin({
        market,
        portfolio: { positions: [{ instrument: "BTC-31MAY24-60000-C", qty: 1 }] },
        params: { model: "derive-pm2" },
      }),
    ).toThrow(/expired/);
  });

  it("a derive-pm2 live set runs through the stress simulation (generic per-account path)", async () => {
    const report = await runSimulation(
      {
        live: { model: "derive-pm2" },
        proposed: { model: "derive-pm2", margin: { mmFactor: 1 } },
        accounts: 100,
        paths: 0,
        windows: ["2020-03-black-thursday"],
        seed: 7,
        volSpikes: null,
        frontier: { values: [] },
      },
      { threads: 1 },
    );
    expect(report.parameterSets.live.model).toBe("derive-pm2");
    const live = report.results.live.windows["2020-03-black-thursday"]!;
    const proposed = report.results.proposed.windows["2020-03-black-thursday"]!;
    expect(live.totalInitialMargin).toBeGreaterThan(0);
    expect(Number.isFinite(live.badDebtMeanPerPath)).toBe(true);
    expect(live.accountsInsolvent).toBeLessThanOrEqual(100);
    // PM2's IM does not use the MM factor: both sets open the same population with the same IM
    // (summed in the same order, so equal to rounding).
    expect(proposed.totalInitialMargin).toBeCloseTo(live.totalInitialMargin, 6);
  }, 120_000);

  it("a frontier sweeps a nested field by its dotted path", () => {
    const base = resolveSet({ model: "derive-pm2" });
    const swept = frontierSet(base, "margin.mmFactor", 0.9) as unknown as typeof derivePm2ModelDefaults;
    expect(swept.margin).toEqual({ ...derivePm2Defaults.margin, mmFactor: 0.9 });
    expect(() => frontierSet(base, "margin", 1)).toThrow(/not a numeric field/);
  });
});
