import { describe, expect, it } from "vitest";
import { isObjectList, listRowChanges } from "@/app/lib/list-diff.ts";
import { derivePm2Defaults } from "@/simulations/models/derive-pm2/presets.ts";

const live = derivePm2Defaults.scenarios;

describe("a whole-list change, row by row", () => {
  it("names the edited row and field, counting rows from 1", () => {
    const to = structuredClone(live);
    to[3]!.spotShock = 1.2;
    expect(listRowChanges(live, to)).toEqual([
      { kind: "changed", row: 4, fields: [{ key: "spotShock", from: live[3]!.spotShock, to: 1.2 }] },
    ]);
    expect(listRowChanges(live, live)).toEqual([]);
  });

  it("reports an inserted or removed row alone, not every row below it", () => {
    const added = { spotShock: 0.5, volShock: "Up", dampening: 0.1, kind: "tail" };
    const inserted = [...live.slice(0, 2), added, ...live.slice(2)];
    expect(listRowChanges(live, inserted)).toEqual([{ kind: "added", row: 3, item: added }]);
    const removed = live.filter((_, i) => i !== 5);
    expect(listRowChanges(live, removed)).toEqual([{ kind: "removed", row: 6, item: live[5] }]);
  });

  it("sees key order as no change, and tells lists of objects from other arrays", () => {
    const reordered = live.map(({ kind, dampening, volShock, spotShock }) => ({
      kind,
      dampening,
      volShock,
      spotShock,
    }));
    expect(listRowChanges(live, reordered)).toEqual([]);
    expect(isObjectList(live)).toBe(true);
    expect(isObjectList([-0.1, 0, 0.1])).toBe(false);
    expect(isObjectList(null)).toBe(false);
  });

  it("pairs several edits, and an edit next to an insertion", () => {
    const to = structuredClone(live);
    to[0]!.dampening = 0.9;
    to[29]!.dampening = 0.5;
    to.push({ spotShock: 1, volShock: "None", dampening: 1, kind: "regular" });
    const changes = listRowChanges(live, to);
    expect(changes.map((c) => [c.kind, c.row])).toEqual([
      ["changed", 1],
      ["changed", 30],
      ["added", 32],
    ]);
  });
});
