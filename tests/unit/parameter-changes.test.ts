import { describe, expect, it } from "vitest";
import { AppError } from "@/server/errors/app-error.ts";
import { applyChanges, changesOf, describeChanges } from "@/server/services/proposals/parameter-changes.ts";
import { derivePm2ModelDefaults } from "@/simulations/models/derive-pm2/model.ts";
import { deribitStylePreset } from "@/simulations/models/derive-pm2/presets.ts";
import { SPAN_GRID_DEFAULTS } from "@/simulations/models/span-grid/params.ts";

const deriveLive = structuredClone(derivePm2ModelDefaults) as unknown as Record<string, unknown>;
const spanLive = structuredClone(SPAN_GRID_DEFAULTS) as unknown as Record<string, unknown>;

describe("parameter changes of a derive-pm2 live set", () => {
  it("applies nested changes field by field and keeps the rest of each group", () => {
    const proposed = applyChanges("derive-pm2", deriveLive, {
      margin: { mmFactor: 0.9 },
      collateral: { imHaircuts: { BTC: 0.04 } },
    }) as typeof derivePm2ModelDefaults;
    expect(proposed.margin).toEqual({ ...derivePm2ModelDefaults.margin, mmFactor: 0.9 });
    expect(proposed.collateral.imHaircuts).toEqual({ BTC: 0.04 });
    expect(proposed.collateral.defaultMmHaircut).toBe(0.02);
    expect(proposed.scenarios).toEqual(derivePm2ModelDefaults.scenarios);
  });

  it("dotted keys mean the same as nested objects", () => {
    const nested = applyChanges("derive-pm2", deriveLive, {
      volShock: { volRangeUp: 0.6 },
      collateral: { mmHaircuts: { ETH: 0.03 } },
    });
    const dotted = applyChanges("derive-pm2", deriveLive, {
      "volShock.volRangeUp": 0.6,
      "collateral.mmHaircuts.ETH": 0.03,
    });
    expect(dotted).toEqual(nested);
  });

  it("round-trips: changesOf(describeChanges(...).diff) applied to the live set gives the proposal", () => {
    const changes = {
      margin: { mmFactor: 0.9, imFactor: 1.1 },
      otherContingency: { mmPerpPercent: 0.02 },
      collateral: { mmHaircuts: { BTC: 0.05 } },
      scenarios: deribitStylePreset.scenarios,
    };
    const proposed = applyChanges("derive-pm2", deriveLive, changes);
    const { diff, diffHash } = describeChanges("derive-pm2", deriveLive, proposed);
    expect(diff.map((d) => d.path)).toEqual([
      "scenarios",
      "margin.imFactor",
      "margin.mmFactor",
      "otherContingency.mmPerpPercent",
      "collateral.mmHaircuts.BTC",
    ]);
    expect(diffHash).toMatch(/^[0-9a-f]{64}$/);
    const back = changesOf(diff);
    expect(back).toEqual(changes);
    expect(applyChanges("derive-pm2", deriveLive, back)).toEqual(proposed);
    // Re-applied onto a newer live set, only the proposal's fields change.
    const newer = applyChanges("derive-pm2", deriveLive, { margin: { shortRateAddScale: 0.1 } });
    const rebased = applyChanges("derive-pm2", newer, back) as typeof derivePm2ModelDefaults;
    expect(rebased.margin).toMatchObject({ shortRateAddScale: 0.1, mmFactor: 0.9, imFactor: 1.1 });
  });

  it("a bad nested change names its field under changes.", () => {
    const fail = (changes: Record<string, unknown>) => {
      try {
        applyChanges("derive-pm2", deriveLive, changes);
      } catch (e) {
        expect(e).toBeInstanceOf(AppError);
        return (e as AppError & { field?: string }).message;
      }
      throw new Error("accepted");
    };
    expect(fail({ margin: { mmFactor: 0.1 } })).toMatch(/^changes\.margin\.mmFactor: /);
    expect(fail({ "margin.mmFactr": 1 })).toBe("changes.margin.mmFactr: unknown field");
    expect(fail({ scenarios: [] })).toMatch(/^changes\.scenarios: /);
  });

  it("names a scenario row's field by index, in the key forms look inputs up by", () => {
    const scenarios = structuredClone(derivePm2ModelDefaults.scenarios);
    scenarios[3]!.spotShock = -1;
    const fieldOf = (changes: Record<string, unknown>) => {
      try {
        applyChanges("derive-pm2", deriveLive, changes);
      } catch (e) {
        return { field: (e as AppError).field, message: (e as AppError).message };
      }
      throw new Error("accepted");
    };
    expect(fieldOf({ scenarios })).toEqual({
      field: "changes.scenarios.3.spotShock",
      message: expect.stringMatching(/^changes\.scenarios\[3\]\.spotShock: /),
    });
    // The schema's cross-field rule (a skew shock is exactly the skew kind) lands on the row's kind.
    const skew = structuredClone(derivePm2ModelDefaults.scenarios);
    skew[0] = { ...skew[0]!, volShock: "Linear", spotShock: 1 };
    expect(fieldOf({ scenarios: skew }).field).toBe("changes.scenarios.0.kind");
  });
});

describe("parameter changes of a span-grid live set (unchanged behaviour)", () => {
  it("records change key by key, other fields are replaced, and the round trip holds", () => {
    const changes = { priceScanRange: 0.2, collateralHaircuts: { BTC: 0.1 } };
    const proposed = applyChanges("span-grid", spanLive, changes);
    expect(proposed.collateralHaircuts).toEqual({ BTC: 0.1, ETH: 0.05 });
    const { diff } = describeChanges("span-grid", spanLive, proposed);
    expect(diff.map((d) => d.path)).toEqual(["priceScanRange", "collateralHaircuts.BTC"]);
    expect(changesOf(diff)).toEqual(changes);
    expect(applyChanges("span-grid", spanLive, changesOf(diff))).toEqual(proposed);
    const scenarios = { priceShocks: [-0.1, 0.1], volShocks: [0] };
    expect(applyChanges("span-grid", spanLive, { scenarios }).scenarios).toEqual(scenarios);
  });
});
