// Finding 8 of the security probe: a seeded member once got 429 on writes after about 5 calls where the bucket
// holds 30. Whether buckets leak between identities, through the real router on each database's limiter
// (in-process on the embedded database, rows on PostgreSQL): a member who signed in before (a seeded row), a
// fresh member and an anonymous client interleave their calls; each must get exactly the bucket's capacity.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServerConfig } from "../../server/config.ts";
import { enactParameterSet } from "../../server/services/parameters/enact-parameter-set.ts";
import { SPAN_GRID_DEFAULTS } from "../../simulations/models/span-grid/params.ts";
import { callerFor, testConfig } from "../support/test-context.ts";
import { openTestDatabase, type TestDatabase, testDatabaseKinds } from "../support/test-databases.ts";
import { bob, carol, siweMessage, type TestAccount } from "../support/wallets.ts";

describe.each(testDatabaseKinds)("rate-limit buckets per identity on %s", (kind) => {
  let database: TestDatabase;
  // A size no other test uses: the in-process limiters are per size, and live as long as the test process.
  const config = testConfig({ rateLimits: { auth: 1_000, write: 7, simulate: 1_000 } });
  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await enactParameterSet(database.db, {
      model: "span-grid",
      params: SPAN_GRID_DEFAULTS,
      enactedBy: "genesis",
    });
  });
  afterAll(async () => {
    await database?.drop();
  });

  async function member(account: TestAccount, c: ServerConfig) {
    const anon = await callerFor(database.db, { config: c, databaseKind: kind });
    const { nonce } = await anon.api.auth.nonce();
    const message = siweMessage(account, nonce);
    await anon.api.auth.signIn({ message, signature: await account.signMessage({ message }) });
    const token = decodeURIComponent(
      /marginlab_session=([^;]+)/.exec(anon.resHeaders.get("set-cookie") ?? "")![1]!,
    );
    return (await callerFor(database.db, { config: c, databaseKind: kind, sessionToken: token })).api;
  }

  const draft = (api: Awaited<ReturnType<typeof member>>) =>
    api.proposals
      .createDraft({
        title: "Rate limit",
        rationale: "Counting the writes of one member.",
        changes: { priceScanRange: 0.16 },
      })
      .then(
        () => "ok",
        (e: Error) => (/too many requests/.test(e.message) ? "429" : e.message),
      );

  it("gives each member the full bucket whatever the others spend, and says which limit refused", async () => {
    // A seeded member: the row exists before the first sign-in, as the demo seed writes it.
    await database.db.user.create({
      data: { address: bob.address.toLowerCase(), role: "member", roleGrantedBy: "seed" },
    });
    const seeded = await member(bob, config);
    const fresh = await member(carol, config);
    const anon = (await callerFor(database.db, { config, databaseKind: kind })).api;

    const seededResults: string[] = [];
    const freshResults: string[] = [];
    for (let i = 0; i < 8; i++) {
      freshResults.push(await draft(fresh));
      seededResults.push(await draft(seeded));
      // Anonymous calls spend their IP's buckets, not a member's.
      await anon.auth.nonce();
    }
    const expected = [...Array(7).fill("ok"), "429"];
    expect(seededResults).toEqual(expected);
    expect(freshResults).toEqual(expected);
    await expect(seeded.proposals.createDraft({ title: "x", rationale: "y", changes: {} })).rejects.toThrow(
      /^too many requests \(write: 7 a minute per signed-in address\); try again in \d+ s$/,
    );
  });
});
