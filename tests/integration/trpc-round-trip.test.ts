import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enactParameterSet } from "../../server/services/parameters/enact-parameter-set.ts";
import { hashCanonical } from "../../simulations/hashing/canonical-json.ts";
import { callerFor } from "../support/test-context.ts";
import { openTestDatabase, type TestDatabase, testDatabaseKinds } from "../support/test-databases.ts";

describe.each(testDatabaseKinds)("tRPC through the real %s database", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("returns null before any parameter set is enacted, then the newest version", async () => {
    const { api: caller } = await callerFor(database.db);
    expect(await caller.parameters.live()).toBeNull();

    const params = { priceScanRange: 0.15, volShockUp: 0.5, nested: { list: [1, 2.5] } };
    await enactParameterSet(database.db, { model: "span-grid", params, enactedBy: "genesis" });
    await enactParameterSet(database.db, {
      model: "span-grid",
      params: { ...params, priceScanRange: 0.2 },
      enactedBy: "0x00000000000000000000000000000000000000aa",
      note: "wider scan",
    });

    const live = await caller.parameters.live();
    expect(live).toMatchObject({
      version: 2,
      model: "span-grid",
      params: { priceScanRange: 0.2, volShockUp: 0.5, nested: { list: [1, 2.5] } },
      paramsHash: hashCanonical({ ...params, priceScanRange: 0.2 }),
      enactedBy: "0x00000000000000000000000000000000000000aa",
      note: "wider scan",
      proposalId: null,
    });
    expect(live?.enactedAt).toBeInstanceOf(Date);
  });
});
