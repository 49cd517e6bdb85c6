import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  decodeFieldValue,
  encodeParameterSet,
  fromWad,
  hashField,
  toWad,
} from "../../server/chain/registry-encoding.ts";
import { hashCanonical } from "../../simulations/hashing/canonical-json.ts";
import { getModel } from "../../simulations/models/registry.ts";
import { SPAN_GRID_DEFAULTS } from "../../simulations/models/span-grid/params.ts";

describe("toWad / fromWad", () => {
  it("scales the decimal a number is written as, not its binary expansion", () => {
    expect(toWad(0.15, "f")).toBe(150_000_000_000_000_000n);
    expect(toWad(0.005, "f")).toBe(5_000_000_000_000_000n);
    expect(toWad(400_000_000, "f")).toBe(400_000_000n * 10n ** 18n);
    expect(toWad(1e-7, "f")).toBe(100_000_000_000n);
    expect(toWad(-0.3, "f")).toBe(-300_000_000_000_000_000n);
    expect(toWad(1e21, "f")).toBe(10n ** 39n);
    expect(toWad(0, "f")).toBe(0n);
  });

  it("refuses what 18 decimals cannot hold exactly, naming the field", () => {
    expect(() => toWad(1.5e-19, "mmFactor")).toThrow("mmFactor: 1.5e-19 has more than 18 decimals");
    // A double's shortest form has at most 17 significant digits: 1/3 fits.
    expect(toWad(1 / 3, "f")).toBe(333_333_333_333_333_300n);
    expect(() => toWad(1e-19, "x")).toThrow(/more than 18 decimals/);
    expect(() => toWad(Number.NaN, "x")).toThrow("x: NaN is not a finite number");
  });

  it("round-trips every number with at most 18 decimals", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e15, max: 1e15 }),
        fc.integer({ min: 0, max: 12 }),
        (units, decimals) => {
          const x = Number((units / 10 ** decimals).toFixed(decimals));
          expect(fromWad(toWad(x, "x"))).toBe(x);
        },
      ),
    );
  });
});

describe("encodeParameterSet", () => {
  const encoded = encodeParameterSet("span-grid", SPAN_GRID_DEFAULTS);
  const field = (name: string) => encoded.fields.find((f) => f.name === name);

  it("encodes numbers scaled, enums by option index, records per key, scenarios by hash", () => {
    expect(field("priceScanRange")).toEqual({
      name: "priceScanRange",
      kind: "scaled",
      value: 15n * 10n ** 16n,
    });
    expect(field("priceScanSteps")?.value).toBe(5n * 10n ** 18n);
    // liquidationMode options: market, gradual, dutch-auction
    expect(field("liquidationMode")).toEqual({ name: "liquidationMode", kind: "enum", value: 0n });
    expect(field("collateralHaircuts.ETH")).toEqual({
      name: "collateralHaircuts.ETH",
      kind: "scaled",
      value: 5n * 10n ** 16n,
    });
    expect(field("scenarios")).toEqual({ name: "scenarios", kind: "hash", value: hashField(null) });
    expect(encoded.paramsHash).toBe(`0x${hashCanonical(SPAN_GRID_DEFAULTS)}`);
  });

  it("names each field once and decodes back to the set's values", () => {
    const names = encoded.fields.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    expect(decodeFieldValue("span-grid", "varConfidence", field("varConfidence")!.value)).toBe(0.99);
    expect(decodeFieldValue("span-grid", "riskAddOnMode", 1n)).toBe("additive");
    expect(
      decodeFieldValue("span-grid", "liquidationDepthUsd.BTC", field("liquidationDepthUsd.BTC")!.value),
    ).toBe(400_000_000);
    expect(decodeFieldValue("span-grid", "scenarios", 1n)).toBe(`hash 0x${"0".repeat(63)}1`);
  });

  it("encodes derive-pm2 sets too (grouped paths, the scenario list by hash)", () => {
    const model = getModel("derive-pm2");
    const derive = encodeParameterSet("derive-pm2", model.defaults);
    const kinds = Object.fromEntries(derive.fields.map((f) => [f.name, f.kind]));
    for (const [path, meta] of Object.entries(model.fields)) {
      if (meta.kind === "list") expect(kinds[path], path).toBe("hash");
      if (meta.kind === "number") expect(kinds[path], path).toBe("scaled");
    }
    expect(derive.paramsHash).toBe(`0x${hashCanonical(model.defaults)}`);
  });
});
