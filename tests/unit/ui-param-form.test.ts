import { describe, expect, it } from "vitest";
import {
  applyChangesLocally,
  changesFromForm,
  changesOfDiff,
  diffRows,
  formValuesOf,
  type ModelField,
} from "@/app/lib/param-form.ts";
import { diffParams } from "@/simulations/models/registry.ts";
import { SPAN_GRID_DEFAULTS, SPAN_GRID_META } from "@/simulations/models/span-grid/params.ts";

const fields: ModelField[] = Object.entries(SPAN_GRID_META).map(([key, meta]) => ({
  key,
  ...meta,
  default: (SPAN_GRID_DEFAULTS as Record<string, unknown>)[key],
}));
const live = { ...SPAN_GRID_DEFAULTS } as Record<string, unknown>;

describe("the proposal form", () => {
  it("shows the live set and changes nothing until edited", () => {
    const values = formValuesOf(fields, live);
    expect(values.priceScanRange).toBe("0.15");
    expect(values["collateralHaircuts.BTC"]).toBe("0.05");
    expect(values["scenarios.enabled"]).toBe("");
    expect(changesFromForm(fields, values, live)).toEqual({ changes: {}, errors: {} });
  });

  it("turns edits into the partial set the server takes: fields, record keys, and explicit scenarios", () => {
    const values = {
      ...formValuesOf(fields, live),
      priceScanRange: "0.18",
      riskAddOn: "filtered-es",
      "collateralHaircuts.ETH": "0.08",
      "collateralHaircuts.SOL": "0.3",
      "scenarios.enabled": "yes",
      "scenarios.priceShocks": "-0.2, 0, 0.2",
      "scenarios.volShocks": "0 0.3",
    };
    const { changes, errors } = changesFromForm(fields, values, live);
    expect(errors).toEqual({});
    expect(changes).toEqual({
      priceScanRange: 0.18,
      riskAddOn: "filtered-es",
      collateralHaircuts: { ETH: 0.08, SOL: 0.3 },
      scenarios: { priceShocks: [-0.2, 0, 0.2], volShocks: [0, 0.3] },
    });
  });

  it("reports out-of-bounds and half-typed values under the server's field paths", () => {
    const values = {
      ...formValuesOf(fields, live),
      priceScanRange: "0",
      priceScanSteps: "2.5",
      volShockUp: "abc",
      "collateralHaircuts.BTC": "1.5",
    };
    const { changes, errors } = changesFromForm(fields, values, live);
    expect(errors).toEqual({
      "changes.priceScanRange": "must be in (0, 1]",
      "changes.priceScanSteps": "must be an integer in [1, 50]",
      "changes.volShockUp": "enter a number",
      "changes.collateralHaircuts.BTC": "must be in [0, 1]",
    });
    expect(changes).toEqual({});
  });

  it("lists the changes in display order with labels, matching the engine's diff", () => {
    const changes = { volShockDown: 0.2, priceScanRange: 0.18, collateralHaircuts: { ETH: 0.08 } };
    const rows = diffRows(fields, live, changes);
    expect(rows.map((r) => r.path)).toEqual(["priceScanRange", "volShockDown", "collateralHaircuts.ETH"]);
    const engine = diffParams(
      { ...live, model: "span-grid" },
      { ...applyChangesLocally(fields, live, changes), model: "span-grid" },
    );
    expect(rows.map(({ path, from, to, label }) => ({ path, from, to, label }))).toEqual(
      engine
        .map(({ path, from, to, label }) => ({ path, from, to, label }))
        .sort((a, b) => rows.findIndex((r) => r.path === a.path) - rows.findIndex((r) => r.path === b.path)),
    );
  });

  it("round-trips a stored diff back into changes (editing a draft)", () => {
    const diff = [
      { path: "priceScanRange", to: 0.18 },
      { path: "collateralHaircuts.ETH", to: 0.08 },
    ];
    expect(changesOfDiff(diff)).toEqual({ priceScanRange: 0.18, collateralHaircuts: { ETH: 0.08 } });
    const values = formValuesOf(fields, applyChangesLocally(fields, live, changesOfDiff(diff)));
    expect(changesFromForm(fields, values, live).changes).toEqual({
      priceScanRange: 0.18,
      collateralHaircuts: { ETH: 0.08 },
    });
  });
});
