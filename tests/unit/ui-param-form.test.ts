import { describe, expect, it } from "vitest";
import {
  applyChangesLocally,
  changesFromForm,
  changesOfDiff,
  diffRows,
  formValuesOf,
  listFieldOf,
  type ModelField,
} from "@/app/lib/param-form.ts";
import { addListRow, listRowCount, listRowDiffers, removeListRow } from "@/app/lib/param-form-list.ts";
import { applyChanges, describeChanges } from "@/server/services/proposals/parameter-changes.ts";
import { derivePm2ModelDefaults } from "@/simulations/models/derive-pm2/model.ts";
import { diffParams, fieldDefault, getModel } from "@/simulations/models/registry.ts";
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
      "changes.priceScanRange": "must be greater than 0, at most 1",
      "changes.priceScanSteps": "must be an integer, at least 1, at most 50",
      "changes.volShockUp": '"abc" is not a number: enter e.g. 0.15',
      "changes.collateralHaircuts.BTC": "must be at least 0, at most 1",
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
    expect(changesOfDiff(fields, diff)).toEqual({ priceScanRange: 0.18, collateralHaircuts: { ETH: 0.08 } });
    const values = formValuesOf(fields, applyChangesLocally(fields, live, changesOfDiff(fields, diff)));
    expect(changesFromForm(fields, values, live).changes).toEqual({
      priceScanRange: 0.18,
      collateralHaircuts: { ETH: 0.08 },
    });
  });
});

describe("the proposal form on a derive-pm2 live set (grouped fields and the scenario list)", () => {
  const model = getModel("derive-pm2");
  const pm2Fields = Object.entries(model.fields).map(([key, meta]) => ({
    key,
    ...meta,
    default: fieldDefault(model, key),
  })) as ModelField[];
  const pm2Live = structuredClone(derivePm2ModelDefaults) as unknown as Record<string, unknown>;
  const scenariosField = listFieldOf(pm2Fields.find((f) => f.key === "scenarios")!);
  const liveScenarios = derivePm2ModelDefaults.scenarios;

  it("shows one input per scenario field and row, and changes nothing until edited", () => {
    const values = formValuesOf(pm2Fields, pm2Live);
    expect(listRowCount(scenariosField, values)).toBe(liveScenarios.length);
    expect(values["scenarios.0.spotShock"]).toBe("1.18");
    expect(values["scenarios.0.volShock"]).toBe("Up");
    expect(values["scenarios.30.kind"]).toBe("skew");
    expect(values["margin.mmFactor"]).toBe("0.8");
    expect(changesFromForm(pm2Fields, values, pm2Live)).toEqual({ changes: {}, errors: {} });
  });

  it("an unchanged list read back from PostgreSQL (jsonb reorders keys) is still unchanged", () => {
    const reordered = {
      ...pm2Live,
      scenarios: liveScenarios.map(({ spotShock, volShock, dampening, kind }) => ({
        kind,
        volShock,
        dampening,
        spotShock,
      })),
    };
    expect(changesFromForm(pm2Fields, formValuesOf(pm2Fields, reordered), reordered).changes).toEqual({});
  });

  it("proposes the whole list when a row is edited, which the server takes and diffs as one path", () => {
    const values = { ...formValuesOf(pm2Fields, pm2Live), "scenarios.3.spotShock": "1.2" };
    const { changes, errors } = changesFromForm(pm2Fields, values, pm2Live);
    expect(errors).toEqual({});
    const expected = structuredClone(liveScenarios);
    expected[3]!.spotShock = 1.2;
    expect(changes).toEqual({ scenarios: expected });
    const proposed = applyChanges("derive-pm2", pm2Live, changes);
    expect(proposed.scenarios).toEqual(expected);
    expect(describeChanges("derive-pm2", pm2Live, proposed).diff.map((d) => d.path)).toEqual(["scenarios"]);
  });

  it("checks every row's fields against the item bounds and options, under the server's keys", () => {
    const values = {
      ...formValuesOf(pm2Fields, pm2Live),
      "scenarios.0.spotShock": "-0.1",
      "scenarios.2.dampening": "x",
      "scenarios.5.volShock": "Sideways",
    };
    const { changes, errors } = changesFromForm(pm2Fields, values, pm2Live);
    expect(errors).toEqual({
      "changes.scenarios.0.spotShock": "must be at least 0",
      "changes.scenarios.2.dampening": '"x" is not a number: enter e.g. 0.15',
      "changes.scenarios.5.volShock": "choose one of Up, Down, None, Linear, Abs",
    });
    expect(changes).toEqual({});
  });

  it("adds rows at the end (blank numbers, first options) and removes any row, keeping rows numbered", () => {
    const values = formValuesOf(pm2Fields, pm2Live);
    const added = addListRow(scenariosField, values);
    const n = liveScenarios.length;
    expect(listRowCount(scenariosField, added)).toBe(n + 1);
    expect(changesFromForm(pm2Fields, added, pm2Live).errors).toEqual({
      [`changes.scenarios.${n}.spotShock`]: "enter a number",
      [`changes.scenarios.${n}.dampening`]: "enter a number",
    });
    const filled = {
      ...added,
      [`scenarios.${n}.spotShock`]: "0.5",
      [`scenarios.${n}.dampening`]: "0.1",
      [`scenarios.${n}.kind`]: "tail",
    };
    expect(changesFromForm(pm2Fields, filled, pm2Live).changes.scenarios).toEqual([
      ...liveScenarios,
      { spotShock: 0.5, volShock: "Up", dampening: 0.1, kind: "tail" },
    ]);

    const removed = removeListRow(scenariosField, values, 1);
    expect(listRowCount(scenariosField, removed)).toBe(n - 1);
    expect(Object.keys(removed).filter((k) => k.startsWith(`scenarios.${n - 1}.`))).toEqual([]);
    expect(changesFromForm(pm2Fields, removed, pm2Live).changes.scenarios).toEqual(
      liveScenarios.filter((_, i) => i !== 1),
    );
    expect(listRowDiffers(scenariosField, removed, liveScenarios, 0)).toBe(false);
    expect(listRowDiffers(scenariosField, removed, liveScenarios, 1)).toBe(true);
  });

  it("holds the row count to the schema's 1 to 40 scenarios", () => {
    let values = formValuesOf(pm2Fields, pm2Live);
    for (let row = listRowCount(scenariosField, values) - 1; row >= 0; row--) {
      values = removeListRow(scenariosField, values, row);
    }
    expect(changesFromForm(pm2Fields, values, pm2Live).errors).toEqual({
      "changes.scenarios": "at least 1 scenario",
    });
    const full = formValuesOf(pm2Fields, {
      ...pm2Live,
      scenarios: Array.from({ length: 41 }, () => liveScenarios[0]),
    });
    expect(changesFromForm(pm2Fields, full, pm2Live).errors).toEqual({
      "changes.scenarios": "at most 40 scenarios",
    });
  });

  it("diffs grouped fields, records and the list exactly as the engine does, and round-trips a stored diff", () => {
    const values = {
      ...formValuesOf(pm2Fields, pm2Live),
      "scenarios.0.spotShock": "1.2",
      "margin.mmFactor": "0.9",
      "collateral.mmHaircuts.BTC": "0.04",
    };
    const { changes, errors } = changesFromForm(pm2Fields, values, pm2Live);
    expect(errors).toEqual({});
    expect(changes).toMatchObject({ "margin.mmFactor": 0.9, "collateral.mmHaircuts": { BTC: 0.04 } });
    const rows = diffRows(pm2Fields, pm2Live, changes);
    const proposed = applyChangesLocally(pm2Fields, pm2Live, changes);
    // What the browser shows is what the server will store (and endorsements sign).
    const server = describeChanges("derive-pm2", pm2Live, applyChanges("derive-pm2", pm2Live, changes)).diff;
    expect(rows.map(({ path, from, to }) => ({ path, from, to }))).toEqual(
      server.map(({ path, from, to }) => ({ path, from, to })),
    );
    expect(proposed).toEqual(applyChanges("derive-pm2", pm2Live, changes));

    // Editing the draft later: the stored diff gives the same form back.
    const again = formValuesOf(
      pm2Fields,
      applyChangesLocally(pm2Fields, pm2Live, changesOfDiff(pm2Fields, server)),
    );
    expect(changesFromForm(pm2Fields, again, pm2Live).changes).toEqual(changes);
  });
});
