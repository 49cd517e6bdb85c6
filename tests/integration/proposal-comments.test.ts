import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enactParameterSet } from "../../server/services/parameters/enact-parameter-set.ts";
import { createDraft } from "../../server/services/proposals/drafts.ts";
import { SPAN_GRID_DEFAULTS } from "../../simulations/models/span-grid/params.ts";
import { signInAs } from "../support/sessions.ts";
import { openTestDatabase, type TestDatabase } from "../support/test-databases.ts";
import { alice } from "../support/wallets.ts";

describe("a proposal's discussion", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase("pglite");
    await enactParameterSet(database.db, {
      model: "span-grid",
      params: SPAN_GRID_DEFAULTS,
      enactedBy: "genesis",
    });
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("comes with the proposal as its newest 100 comments, oldest first; comments.list has them all", async () => {
    const author = alice.address.toLowerCase();
    const draft = await createDraft(database.db, author, {
      title: "A busy discussion",
      rationale: "Many members have something to say about this one.",
      changes: { priceScanRange: 0.2 },
    });
    const start = Date.parse("2026-01-01T00:00:00Z");
    await database.db.comment.createMany({
      data: Array.from({ length: 130 }, (_, i) => ({
        proposalId: draft.id,
        author,
        body: `comment ${i}`,
        createdAt: new Date(start + i * 1_000),
      })),
    });
    const api = await (await signInAs(database.db, alice))();

    const page = await api.proposals.get({ number: draft.number });
    expect(page.commentCount).toBe(130);
    expect(page.comments.map((c) => c.body)).toEqual(
      Array.from({ length: 100 }, (_, i) => `comment ${30 + i}`),
    );

    const all = await api.comments.list({ proposalId: draft.id });
    expect(all.map((c) => c.body)).toEqual(Array.from({ length: 130 }, (_, i) => `comment ${i}`));
  });
});
