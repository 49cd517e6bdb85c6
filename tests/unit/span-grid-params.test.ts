import { describe, expect, it } from "vitest";
import { EngineError } from "../../simulations/errors.ts";
import { describeBounds } from "../../simulations/models/field-meta.ts";
import {
  DEFAULT_MODEL_ID,
  diffParams,
  getModel,
  listModels,
  type MarginModel,
  parseParamSet,
  registerModel,
} from "../../simulations/models/registry.ts";
import {
  SPAN_GRID_DEFAULTS,
  SPAN_GRID_META,
  spanGridParamsSchema,
} from "../../simulations/models/span-grid/params.ts";

describe("span-grid parameter set", () => {
  it("absent model and empty set give the defaults", () => {
    const { model, params } = parseParamSet({});
    expect(model.id).toBe(DEFAULT_MODEL_ID);
    expect(params).toEqual(SPAN_GRID_DEFAULTS);
    expect(SPAN_GRID_DEFAULTS).toMatchObject({
      priceScanRange: 0.15,
      volShockUp: 0.3,
      volShockDown: 0.3,
      mmFactor: 0.8,
      horizonDays: 0,
      scenarios: null,
      standardShortOptionBase: 0.15,
      standardShortOptionFloor: 0.1,
      standardLinearFraction: 0.02,
    });
  });

  it("merges a partial set onto the defaults; record fields merge key by key", () => {
    const { params } = parseParamSet({
      model: "span-grid",
      priceScanRange: 0.2,
      collateralHaircuts: { ETH: 0.12, SOL: 0.3 },
    });
    expect(params).toEqual({
      ...SPAN_GRID_DEFAULTS,
      priceScanRange: 0.2,
      collateralHaircuts: { BTC: 0.05, ETH: 0.12, SOL: 0.3 },
    });
    // defaults are not mutated by merging
    expect(SPAN_GRID_DEFAULTS.collateralHaircuts).toEqual({ BTC: 0.05, ETH: 0.05 });
  });

  it.each([
    [{ priceScanRnge: 0.1 }, "priceScanRnge", /unknown field/],
    [{ priceScanRange: 0 }, "priceScanRange", /must be greater than 0, at most 1/],
    [{ priceScanRange: 1.01 }, "priceScanRange", /must be greater than 0, at most 1/],
    [{ mmFactor: 0 }, "mmFactor", /must be greater than 0, at most 1/],
    [{ priceScanSteps: 2.5 }, "priceScanSteps", /must be an integer, at least 1, at most 50/],
    [{ riskAddOn: "var" }, "riskAddOn", /must be one of "none", "historical-var"/],
    [{ collateralHaircuts: { BTC: -0.1 } }, "collateralHaircuts.BTC", /must be at least 0, at most 1/],
    [{ scenarios: { priceShocks: [-1.2], volShocks: [0] } }, "scenarios.priceShocks[0]", /must be > -1/],
    [{ scenarios: { priceShocks: [0.1], volShocks: [] } }, "scenarios.volShocks", /at least one/],
    [{ scenarios: { priceShocks: [0.1], volShocks: [0], extra: 1 } }, "scenarios.extra", /unknown field/],
    [{ model: "derive-pm3" }, "model", /unknown margin model "derive-pm3"/],
    [{ horizonDays: "1" }, "horizonDays", /must be at least 0, at most 365/],
  ])("rejects %j at %s", (set, path, reason) => {
    try {
      parseParamSet(set);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(EngineError);
      const err = e as EngineError;
      expect(err.message.startsWith(`${path}: `)).toBe(true);
      expect(err.reason).toMatch(reason);
    }
  });

  it("every field has UI metadata, and the schema enforces exactly the bounds the metadata shows", () => {
    for (const [key, meta] of Object.entries(SPAN_GRID_META)) {
      expect(meta.label.length, key).toBeGreaterThan(0);
      expect(meta.description.length, key).toBeGreaterThan(10);
      expect(typeof meta.unit, key).toBe("string");
      const b = meta.bounds;
      if (!b) continue;
      const at = (v: number) => spanGridParamsSchema.safeParse({ ...SPAN_GRID_DEFAULTS, [key]: v }).success;
      // A step just outside a bound, large enough to be representable next to it.
      const step = (x: number) => Math.max(1e-9, Math.abs(x) * 1e-12);
      if (b.min !== undefined) {
        expect(at(b.min), `${key} at min (${describeBounds(b)})`).toBe(!b.exclusiveMin);
        expect(at(b.min - step(b.min)), `${key} below min`).toBe(false);
      }
      if (b.max !== undefined) {
        expect(at(b.max), `${key} at max (${describeBounds(b)})`).toBe(!b.exclusiveMax);
        expect(at(b.max + step(b.max)), `${key} above max`).toBe(false);
      }
    }
  });
});

describe("diffParams", () => {
  it("lists changed fields with label and unit, records per key, arrays as a whole", () => {
    const diff = diffParams(
      {},
      {
        priceScanRange: 0.2,
        mmFactor: 0.8, // the default: no change
        collateralHaircuts: { ETH: 0.1 },
        scenarios: { priceShocks: [-0.1, 0.1], volShocks: [0] },
      },
    );
    expect(diff).toEqual([
      { path: "priceScanRange", from: 0.15, to: 0.2, label: "Price scan range", unit: "fraction of spot" },
      {
        path: "scenarios",
        from: null,
        to: { priceShocks: [-0.1, 0.1], volShocks: [0] },
        label: "Explicit scenarios",
        unit: "relative shocks",
      },
      {
        path: "collateralHaircuts.ETH",
        from: 0.05,
        to: 0.1,
        label: "Collateral haircuts (ETH)",
        unit: "fraction of value",
      },
    ]);
    expect(diffParams({ priceScanRange: 0.2 }, { priceScanRange: 0.2, model: "span-grid" })).toEqual([]);
    expect(diffParams({ collateralHaircuts: { SOL: 0.3 } }, {})).toEqual([
      {
        path: "collateralHaircuts.SOL",
        from: 0.3,
        to: null,
        label: "Collateral haircuts (SOL)",
        unit: "fraction of value",
      },
    ]);
  });

  it("rejects invalid sets with the field path", () => {
    expect(() => diffParams({}, { mmFactor: 2 })).toThrow(/mmFactor: must be greater than 0, at most 1/);
  });
});

describe("model registry", () => {
  it("a second model registers without changing callers, and diffs across models say so", () => {
    const toy: MarginModel<{ factor: number }> = {
      id: "test-flat",
      title: "Flat factor (test only)",
      description: "Margin is a fixed factor of gross notional.",
      schema: spanGridParamsSchema as never,
      defaults: { factor: 0.1 },
      fields: {
        factor: {
          label: "Factor",
          unit: "",
          description: "Fraction of notional.",
          doc: "param-test-flat-factor",
          kind: "number",
        },
      },
      resolveParams: (partial) => ({ factor: 0.1, ...(partial as { factor?: number }) }),
      historyDays: () => 0,
      compute: () => {
        throw new Error("not used");
      },
    };
    registerModel(toy);
    expect(getModel("test-flat").title).toBe("Flat factor (test only)");
    expect(listModels().map((m) => m.id)).toContain("span-grid");
    expect(parseParamSet({ model: "test-flat", factor: 0.2 }).params).toEqual({ factor: 0.2 });
    expect(diffParams({}, { model: "test-flat" })).toEqual([
      { path: "model", from: "span-grid", to: "test-flat", label: "Margin model", unit: "" },
    ]);
    expect(() => registerModel(toy)).toThrow(/already registered/);
  });
});
