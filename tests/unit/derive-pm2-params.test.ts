// derive-pm2 parameter schema, presets and form metadata.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { EngineError } from "../../simulations/errors.ts";
import { compareDeriveCase } from "../../simulations/models/derive-pm2/case-compare.ts";
import { parseDeriveCase } from "../../simulations/models/derive-pm2/case-format.ts";
import { derivePm2FieldMeta } from "../../simulations/models/derive-pm2/field-meta.ts";
import { computeDerivePm2Margin } from "../../simulations/models/derive-pm2/margin.ts";
import { type DerivePm2Params, derivePm2ParamsSchema } from "../../simulations/models/derive-pm2/params.ts";
import { deribitStylePreset, derivePm2Defaults } from "../../simulations/models/derive-pm2/presets.ts";

const fixture = (name: string) =>
  JSON.parse(readFileSync(fileURLToPath(new URL(`../fixtures/derive-pm2/${name}`, import.meta.url)), "utf8"));

/** Every number in `a` within `tol` of the same field in `b` (the published values carry float noise). */
function expectClose(a: unknown, b: unknown, tol: number, path = "params"): void {
  if (typeof a === "number" && typeof b === "number") {
    expect(Math.abs(a - b), path).toBeLessThanOrEqual(tol);
  } else if (Array.isArray(a) && Array.isArray(b)) {
    expect(a.length, path).toBe(b.length);
    a.forEach((x, i) => {
      expectClose(x, b[i], tol, `${path}[${i}]`);
    });
  } else if (a && b && typeof a === "object" && typeof b === "object") {
    expect(Object.keys(a).sort(), path).toEqual(Object.keys(b).sort());
    for (const k of Object.keys(a)) {
      expectClose((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], tol, `${path}.${k}`);
    }
  } else {
    expect(a, path).toEqual(b);
  }
}

describe("derive-pm2 presets", () => {
  it("the defaults are the baseline of Derive's published cases (43 cases use exactly this set)", () => {
    const c = parseDeriveCase(fixture("test_62_general_random_2.json"));
    // 1e-12: the published shocks are Python floats such as 0.8200000000000001.
    expectClose(derivePm2Defaults, c.params, 1e-12);
    const r = computeDerivePm2Margin(c.input, derivePm2Defaults);
    const cmp = compareDeriveCase(r, c.expected!, c.input);
    expect(cmp.mmOk && cmp.imOk).toBe(true);
  });

  it("both presets pass the schema", () => {
    expect(derivePm2ParamsSchema.safeParse(derivePm2Defaults).success).toBe(true);
    expect(derivePm2ParamsSchema.safeParse(deribitStylePreset).success).toBe(true);
  });

  it("the Deribit-style preset has a +-16% grid, vol +50% / -25%, powers 0.3 / 0.13 and MM factor 0.8", () => {
    const regular = deribitStylePreset.scenarios.filter((s) => s.kind === "regular").map((s) => s.spotShock);
    expect(Math.max(...regular)).toBe(1.16);
    expect(Math.min(...regular)).toBe(0.84);
    expect(deribitStylePreset.volShock).toMatchObject({
      volRangeUp: 0.5,
      volRangeDown: 0.25,
      shortTermPower: 0.3,
      longTermPower: 0.13,
    });
    expect(deribitStylePreset.margin.mmFactor).toBe(0.8);
  });
});

describe("derive-pm2 parameter validation", () => {
  const withChange = (change: (p: DerivePm2Params) => void): unknown => {
    const p = structuredClone(derivePm2Defaults);
    change(p);
    return p;
  };

  it("rejects an out-of-bounds field with its path and the bound", () => {
    const res = derivePm2ParamsSchema.safeParse(withChange((p) => (p.margin.mmFactor = 0.2)));
    expect(res.success).toBe(false);
    expect(res.error?.issues[0]?.path).toEqual(["margin", "mmFactor"]);
    expect(res.error?.issues[0]?.message).toMatch(/0\.5/);
  });

  it("rejects a skew scenario with a spot move, and a second Linear scenario", () => {
    const moved = derivePm2ParamsSchema.safeParse(
      withChange((p) => {
        p.scenarios[29]!.spotShock = 1.1;
      }),
    );
    expect(moved.error?.issues[0]?.path).toEqual(["scenarios", 29, "spotShock"]);
    const twice = derivePm2ParamsSchema.safeParse(
      withChange((p) => {
        p.scenarios.push({ spotShock: 1, volShock: "Linear", dampening: 1, kind: "skew" });
      }),
    );
    expect(twice.error?.issues[0]?.path).toEqual(["scenarios", 31, "volShock"]);
  });

  it("computeDerivePm2Margin rejects bad parameters as INVALID_PARAMS naming the field", () => {
    const c = parseDeriveCase(fixture("test_18_structures_OTM_call_spread.json"));
    const bad = withChange((p) => (p.basisContingency.scenarioSpotUp = 0.9)) as DerivePm2Params;
    expect(() => computeDerivePm2Margin(c.input, bad)).toThrow(EngineError);
    expect(() => computeDerivePm2Margin(c.input, bad)).toThrow(/basisContingency\.scenarioSpotUp/);
  });
});

describe("derivePm2FieldMeta", () => {
  it("describes every parameter field with label, unit and description, and bounds from the schema", () => {
    const leaves = [
      ...Object.keys(derivePm2Defaults.scenarios[0]!).map((k) => `scenarios[].${k}`),
      ...(["volShock", "skewShock", "margin", "basisContingency", "otherContingency"] as const).flatMap((g) =>
        Object.keys(derivePm2Defaults[g]).map((k) => `${g}.${k}`),
      ),
    ];
    expect(Object.keys(derivePm2FieldMeta).sort()).toEqual(leaves.sort());
    for (const meta of Object.values(derivePm2FieldMeta)) {
      expect(meta.label.length).toBeGreaterThan(0);
      expect(meta.unit.length).toBeGreaterThan(0);
      expect(meta.description.length).toBeGreaterThan(0);
    }
    expect(derivePm2FieldMeta["margin.mmFactor"]).toMatchObject({ min: 0.5, max: 10 });
    expect(derivePm2FieldMeta["volShock.dteFloorDays"]).toMatchObject({ unit: "days", min: 0, max: 400 });
  });
});
