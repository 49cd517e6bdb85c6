import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enactParameterSet } from "../../server/services/parameters/enact-parameter-set.ts";
import { SPAN_GRID_DEFAULTS } from "../../simulations/models/span-grid/params.ts";
import { callerFor } from "../support/test-context.ts";
import { openTestDatabase, type TestDatabase } from "../support/test-databases.ts";

// The editor's quick preview through the tRPC caller: public, against the live set in the database, with field
// errors under the same paths as saving a draft.
describe("proposals.preview", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase("pglite");
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("needs a live set", async () => {
    const { api } = await callerFor(database.db);
    await expect(api.proposals.preview({ changes: {} })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("margins representative accounts under the live set and the changes, without signing in", async () => {
    await enactParameterSet(database.db, {
      model: "span-grid",
      params: SPAN_GRID_DEFAULTS,
      enactedBy: "genesis",
    });
    const { api } = await callerFor(database.db);
    const same = await api.proposals.preview({ changes: {} });
    expect(same.liveVersion).toBe(1);
    expect(same.market.assets.BTC?.spot).toBeGreaterThan(0);
    for (const p of same.portfolios) expect(p.proposed).toEqual(p.live);

    const wider = await api.proposals.preview({
      changes: { priceScanRange: 0.3, collateralHaircuts: { BTC: 0.2 } },
    });
    const covered = wider.portfolios.find((p) => p.id === "btc-covered-call");
    // A bigger haircut on the BTC collateral and a wider scan: the covered call needs more margin.
    expect(covered?.proposed.initial).toBeGreaterThan(covered?.live.initial ?? Number.POSITIVE_INFINITY);
  });

  it("answers an invalid change with the field it is about", async () => {
    const { api } = await callerFor(database.db);
    await expect(api.proposals.preview({ changes: { priceScanRange: -1 } })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      cause: { field: "changes.priceScanRange" },
    });
  });
});
