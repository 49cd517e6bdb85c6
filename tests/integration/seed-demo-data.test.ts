import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoDataIfEmpty } from "../../server/services/seed/seed-demo-data.ts";
import { derivePm2ModelDefaults } from "../../simulations/models/derive-pm2/model.ts";
import { callerFor, testConfig } from "../support/test-context.ts";
import { openTestDatabase, type TestDatabase } from "../support/test-databases.ts";

// A new installation seeded from a derive-pm2 preset (SEED_PRESET): its live set, and demo proposals that this
// model can take, published with their reports computed.
describe("seeding from the derive-pm2 preset", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase("pglite");
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("enacts the preset as the live set and publishes proposals written for its model", {
    timeout: 300_000,
  }, async () => {
    const config = testConfig({ seedPreset: "derive-pm2-mainnet" });
    await expect(seedDemoDataIfEmpty(database.db, config)).resolves.toBe(true);
    const { api } = await callerFor(database.db, { config });
    const live = await api.parameters.live();
    expect(live).toMatchObject({ version: 1, model: "derive-pm2", params: derivePm2ModelDefaults });

    const list = await api.proposals.list({});
    expect(list.map((p) => [p.model, p.state])).toEqual([
      ["derive-pm2", "published"],
      ["derive-pm2", "published"],
    ]);
    const widen = await api.proposals.get({ number: 1 });
    // One whole-list change in which only the two outermost regular scenarios move out.
    const diff = widen.diff as { path: string; from: { spotShock: number }[]; to: { spotShock: number }[] }[];
    expect(diff.map((d) => d.path)).toEqual(["scenarios"]);
    const { from, to } = diff[0]!;
    expect(to.map((s) => s.spotShock).filter((x, i) => x !== from[i]!.spotShock)).toEqual([1.2, 0.8]);
    expect(widen.report?.reportHash).toMatch(/^[0-9a-f]{64}$/);

    // Seeding again leaves a database with data alone.
    await expect(seedDemoDataIfEmpty(database.db, config)).resolves.toBe(false);
  });
});
