// Input nested 20,000 arrays deep once answered 500 "Maximum call stack size exceeded": the HTTP handler must
// refuse it with a 4xx naming the reason, before anything walks it, and keep answering normal calls.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleTrpcRequest } from "../../server/api/http-handler.ts";
import { createContext } from "../../server/api/trpc.ts";
import { MAX_JSON_DEPTH } from "../../server/security/limit-body.ts";
import { enactParameterSet } from "../../server/services/parameters/enact-parameter-set.ts";
import { SPAN_GRID_DEFAULTS } from "../../simulations/models/span-grid/params.ts";
import { callerFor, TEST_ORIGIN, testConfig } from "../support/test-context.ts";
import { openTestDatabase, type TestDatabase, testDatabaseKinds } from "../support/test-databases.ts";
import { alice, siweMessage } from "../support/wallets.ts";

describe.each(testDatabaseKinds)("deeply nested input over HTTP on %s", (kind) => {
  let database: TestDatabase;
  let cookie: string;
  const config = testConfig();
  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await enactParameterSet(database.db, {
      model: "span-grid",
      params: SPAN_GRID_DEFAULTS,
      enactedBy: "genesis",
    });
    const anon = await callerFor(database.db, { config });
    const { nonce } = await anon.api.auth.nonce();
    const message = siweMessage(alice, nonce);
    await anon.api.auth.signIn({ message, signature: await alice.signMessage({ message }) });
    cookie = (anon.resHeaders.get("set-cookie") ?? "").split(";")[0]!;
  });
  afterAll(async () => {
    await database?.drop();
  });

  const createDraft = (changes: string) =>
    handleTrpcRequest(
      new Request(`${TEST_ORIGIN}/api/trpc/proposals.createDraft`, {
        method: "POST",
        headers: { origin: TEST_ORIGIN, cookie, "content-type": "application/json" },
        body: `{"json":{"title":"Nested input","rationale":"A draft whose changes are nested deeply.","changes":${changes}}}`,
      }),
      (req, resHeaders) =>
        createContext({
          db: database.db,
          config,
          jobs: { notify: async () => {} },
          databaseKind: kind,
          headers: req.headers,
          resHeaders,
        }),
    );

  it("answers 400 naming the limit for changes nested 20,000 arrays deep", async () => {
    const deep = `{"priceScanRange":${"[".repeat(20_000)}${"]".repeat(20_000)}}`;
    const res = await createDraft(deep);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: {
        code: "BAD_REQUEST",
        message: `the request body nests arrays or objects deeper than ${MAX_JSON_DEPTH} levels`,
      },
    });
    // Brackets inside a string are text, not nesting: that one reaches the validator, which names the field.
    const res2 = await createDraft(`{"note":"${"[".repeat(20_000)}"}`);
    expect(res2.status).toBe(400);
    expect(JSON.stringify(await res2.json())).toMatch(/priceScanRange|note|changes/);
  });

  it("still answers a normal draft", async () => {
    const res = await createDraft(`{"priceScanRange":0.17}`);
    expect(res.status).toBe(200);
  });
});
