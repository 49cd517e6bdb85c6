import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmbeddedRunner, startEmbeddedRunner } from "../../server/jobs/embedded-runner.ts";
import { enactParameterSet } from "../../server/services/parameters/enact-parameter-set.ts";
import { reportView } from "../../server/services/reports/report-view.ts";
import { SPAN_GRID_DEFAULTS } from "../../simulations/models/span-grid/params.ts";
import { computeReportHash } from "../../simulations/report/report-hash.ts";
import { runSimulation } from "../../simulations/simulation/run-simulation.ts";
import { signInAs } from "../support/sessions.ts";
import { testConfig } from "../support/test-context.ts";
import { openTestDatabase, type TestDatabase, testDatabaseKinds } from "../support/test-databases.ts";
import { admin, alice, bob, carol, steward } from "../support/wallets.ts";

// Runs are real simulations, kept small: a few hundred accounts, historical windows only.
const config = testConfig({
  stewardAddresses: [steward.address.toLowerCase()],
  adminAddresses: [admin.address.toLowerCase()],
  runDefaults: { accounts: 150, paths: 0 },
});
const compute = (inputs: Parameters<typeof runSimulation>[0], opts: Parameters<typeof runSimulation>[1]) =>
  runSimulation(inputs, opts);

describe.each(testDatabaseKinds)("governance workflow on %s", (kind) => {
  let database: TestDatabase;
  let runner: EmbeddedRunner;
  let as: Record<"alice" | "bob" | "carol" | "steward" | "admin", Awaited<ReturnType<typeof signInAs>>>;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await enactParameterSet(database.db, {
      model: "span-grid",
      params: SPAN_GRID_DEFAULTS,
      enactedBy: "genesis",
    });
    runner = await startEmbeddedRunner(database.db, { compute, backingEndorsements: 2, pollMs: 100 });
    const opts = { config, jobs: runner };
    as = {
      alice: await signInAs(database.db, alice, opts),
      bob: await signInAs(database.db, bob, opts),
      carol: await signInAs(database.db, carol, opts),
      steward: await signInAs(database.db, steward, opts),
      admin: await signInAs(database.db, admin, opts),
    };
  });
  afterAll(async () => {
    await runner?.stop();
    await database?.drop();
  });

  it("drafts, publishes, simulates, endorses, reviews and reaches backed; a second identical run reuses the report", async () => {
    const a = await as.alice();
    await expect(
      a.proposals.createDraft({ title: "No change", rationale: "x".repeat(30), changes: {} }),
    ).rejects.toThrow(/changes nothing/);
    await expect(
      a.proposals.createDraft({
        title: "Too wide",
        rationale: "x".repeat(30),
        changes: { priceScanRange: 1.5 },
      }),
    ).rejects.toMatchObject({ cause: { code: "INVALID_INPUT", field: "changes.priceScanRange" } });

    const draft = await a.proposals.createDraft({
      title: "Widen the scan range",
      rationale: "A wider scan range covers a repeat of March 2020.",
      changes: { priceScanRange: 0.2 },
    });
    // Only the author edits a draft; others cannot even see it.
    await expect(
      (await as.bob()).proposals.updateDraft({
        proposalId: draft.id,
        title: "Hijacked",
        rationale: "y".repeat(30),
        changes: { priceScanRange: 0.3 },
      }),
    ).rejects.toThrow(/only the author can edit/);
    await expect((await as.bob()).proposals.get({ number: draft.number })).rejects.toThrow(/no proposal/);
    await a.proposals.updateDraft({
      proposalId: draft.id,
      title: "Widen the scan range to 20%",
      rationale: "A wider scan range covers a repeat of March 2020.",
      changes: { priceScanRange: 0.2, volShockUp: 0.4 },
    });

    // Publishing freezes the diff and queues the run; endorsing before the report exists is refused.
    const { runId } = await a.proposals.publish({ proposalId: draft.id });
    await expect(
      a.proposals.updateDraft({
        proposalId: draft.id,
        title: "Changed after",
        rationale: "z".repeat(30),
        changes: { priceScanRange: 0.25 },
      }),
    ).rejects.toThrow(/frozen/);
    await runner.idle();
    const run = await a.runs.get({ runId });
    expect(run).toMatchObject({ status: "succeeded", progress: 1, reusedReport: false });

    const page = await (await as.carol()).proposals.get({ number: draft.number });
    expect(page.state).toBe("published");
    expect(page.diff).toEqual([
      expect.objectContaining({ path: "priceScanRange", from: 0.15, to: 0.2 }),
      expect.objectContaining({ path: "volShockUp", from: 0.3, to: 0.4 }),
    ]);
    expect(page.report?.reportHash).toMatch(/^[0-9a-f]{64}$/);
    // The page carries the report's view; the stored body is an explicit export, and hashes to the report hash.
    const exported = await (await as.carol()).reports.body({ reportId: page.report!.id });
    expect(computeReportHash(exported.body as Record<string, unknown>)).toBe(page.report?.reportHash);
    expect(page.report?.view).toEqual(reportView(exported.body));
    const body = exported.body as {
      results: { live: { totalInitialMargin: number }; proposed: { totalInitialMargin: number } };
    };
    // Wider shocks never lower margin.
    expect(body.results.proposed.totalInitialMargin).toBeGreaterThanOrEqual(
      body.results.live.totalInitialMargin,
    );
    // The list shows the report's headline: the same margin as the report, a verdict, not stale.
    const listed = (await (await as.carol()).proposals.list({})).find((p) => p.number === draft.number);
    expect(listed?.stale).toBe(false);
    expect(listed?.headline?.margin).toEqual({
      live: body.results.live.totalInitialMargin,
      proposed: body.results.proposed.totalInitialMargin,
    });
    expect(listed?.headline?.verdict).toMatch(/costlier|no-cost|same-risk|no-change/);

    // Endorsements: EIP-712 signatures over {proposal, diff hash, report hash}.
    const endorse = async (who: "bob" | "carol", account: typeof bob) => {
      const api = await as[who]();
      const typed = await api.proposals.endorsementRequest({ proposalId: draft.id });
      return api.proposals.endorse({ proposalId: draft.id, signature: await account.signTypedData(typed) });
    };
    const typed = await a.proposals.endorsementRequest({ proposalId: draft.id });
    await expect(
      (await as.bob()).proposals.endorse({
        proposalId: draft.id,
        signature: await carol.signTypedData(typed),
      }),
    ).rejects.toThrow(/not this member's/);
    await expect(
      a.proposals.endorse({ proposalId: draft.id, signature: await alice.signTypedData(typed) }),
    ).rejects.toThrow(/authors cannot endorse/);
    expect((await endorse("bob", bob)).state).toBe("published");
    expect((await endorse("carol", carol)).state).toBe("published"); // still needs a steward
    await expect(
      (await as.bob()).proposals.review({ proposalId: draft.id, verdict: "approve", comment: "" }),
    ).rejects.toThrow(/needs the steward role/);
    await expect(
      (await as.steward()).proposals.review({ proposalId: draft.id, verdict: "concerns", comment: "" }),
    ).rejects.toThrow(/say what the concerns are/);
    const reviewed = await (await as.steward()).proposals.review({
      proposalId: draft.id,
      verdict: "approve",
      comment: "Numbers check out.",
    });
    expect(reviewed.state).toBe("backed");

    const transitions = (await a.proposals.get({ number: draft.number })).transitions.map(
      (t) => `${t.from}->${t.to}`,
    );
    expect(transitions).toEqual(["null->draft", "draft->published", "published->backed"]);

    // Editing the stored report after it was endorsed: the hash no longer matches, and the backing falls.
    const reportId = page.report!.id;
    expect(await (await as.carol()).reports.verify({ reportId })).toMatchObject({ intact: true });
    const stored = await database.db.report.findUniqueOrThrow({ where: { id: reportId } });
    const tampered = structuredClone(stored.body) as { results: { proposed: { accountsInsolvent: number } } };
    tampered.results.proposed.accountsInsolvent += 1;
    await database.db.report.update({ where: { id: reportId }, data: { body: tampered } });
    expect(await (await as.carol()).reports.verify({ reportId })).toMatchObject({ intact: false });
    const afterTamper = await (await as.steward()).proposals.review({
      proposalId: draft.id,
      verdict: "approve",
      comment: "Still fine?",
    });
    expect(afterTamper.state).toBe("published");
    await database.db.report.update({ where: { id: reportId }, data: { body: stored.body as object } });

    // The same inputs again: the finished report is reused, not recomputed.
    const again = await (await as.carol()).runs.queueExtra({ proposalId: draft.id, accounts: 150, paths: 0 });
    expect(again).toMatchObject({ status: "succeeded", reusedReport: true });

    // A run link made from the short id the UI shows finds the run; an unknown id is not found.
    const c = await as.carol();
    expect((await c.runs.report({ runId: again.runId.slice(0, 10) })).run.id).toBe(again.runId);
    await expect(c.runs.report({ runId: "zzzzzzzzzz" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(c.runs.report({ runId: again.runId.slice(0, 4) })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("refuses forbidden transitions and orders a stale proposal to rebase", async () => {
    const a = await as.alice();
    const draft = await a.proposals.createDraft({
      title: "Lower mm factor",
      rationale: "Maintenance at 70% of initial.",
      changes: { mmFactor: 0.7 },
    });
    await expect((await as.steward()).proposals.enact({ proposalId: draft.id })).rejects.toThrow(
      /a draft proposal cannot become enacted/,
    );
    await expect((await as.bob()).proposals.publish({ proposalId: draft.id })).rejects.toThrow(
      /only the author can publish/,
    );
    await a.proposals.publish({ proposalId: draft.id });
    await expect(a.proposals.publish({ proposalId: draft.id })).rejects.toThrow(
      /a published proposal cannot become published/,
    );
    await expect((await as.bob()).proposals.cancel({ proposalId: draft.id, reason: "" })).rejects.toThrow(
      /only the author or an admin/,
    );
    await runner.idle();

    // A new live version makes the proposal stale: it cannot be backed until rebased.
    await enactParameterSet(database.db, {
      model: "span-grid",
      params: { ...SPAN_GRID_DEFAULTS, volShockDown: 0.25 },
      enactedBy: admin.address.toLowerCase(),
    });
    const stale = await a.proposals.get({ number: draft.number });
    expect(stale.stale).toBe(true);
    const listedStale = (await a.proposals.list({})).find((p) => p.number === draft.number);
    expect(listedStale).toMatchObject({ stale: true, baseVersion: 1, liveVersion: 2 });
    expect(stale.backing.reportOnLiveVersion).toBe(false);
    const { runId } = await a.proposals.rebase({ proposalId: draft.id });
    await runner.idle();
    expect((await a.runs.get({ runId })).status).toBe("succeeded");
    const rebased = await a.proposals.get({ number: draft.number });
    expect(rebased.stale).toBe(false);
    expect((await a.proposals.list({})).find((p) => p.number === draft.number)?.stale).toBe(false);
    expect(rebased.diff).toEqual([expect.objectContaining({ path: "mmFactor", from: 0.8, to: 0.7 })]);
    expect((rebased.proposedParams as { volShockDown: number }).volShockDown).toBe(0.25);

    await (await as.admin()).proposals.cancel({ proposalId: draft.id, reason: "superseded" });
    await expect(a.proposals.rebase({ proposalId: draft.id })).rejects.toThrow(
      /a cancelled proposal cannot be rebased/,
    );
  });

  it("counts concurrent endorsements from one address once", async () => {
    const c = await as.carol();
    const draft = await c.proposals.createDraft({
      title: "Haircut ETH 10%",
      rationale: "ETH collateral is more volatile.",
      changes: { collateralHaircuts: { ETH: 0.1 } },
    });
    await c.proposals.publish({ proposalId: draft.id });
    await runner.idle();
    const b = await as.bob();
    const typed = await b.proposals.endorsementRequest({ proposalId: draft.id });
    const signature = await bob.signTypedData(typed);
    const results = await Promise.allSettled(
      [1, 2, 3].map(() => b.proposals.endorse({ proposalId: draft.id, signature })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((r) => r.status === "rejected"))
      expect(String((r as PromiseRejectedResult).reason)).toMatch(/already endorsed/);
    expect((await c.proposals.get({ number: draft.number })).endorsements).toHaveLength(1);
  });

  it("resumes a run interrupted by a restart", async () => {
    const a = await as.alice();
    const draft = await a.proposals.createDraft({
      title: "Extreme coverage 0.4",
      rationale: "SPAN-style extreme coverage up.",
      changes: { extremeMoveCoverage: 0.4 },
    });
    // Publish while the runner is stopped, then leave the run as a crashed process leaves it: running, half done.
    await runner.stop();
    const { runId } = await a.proposals.publish({ proposalId: draft.id });
    await database.db.simulationRun.update({
      where: { id: runId },
      data: {
        status: "running",
        progress: 0.4,
        stage: "2022-11-ftx",
        lockedBy: "embedded:dead-host:1",
        heartbeatAt: new Date(),
      },
    });
    runner = await startEmbeddedRunner(database.db, { compute, backingEndorsements: 2, pollMs: 100 });
    await runner.idle();
    const run = await a.runs.get({ runId });
    expect(run).toMatchObject({ status: "succeeded", attempts: 1 });
    expect(run.reportId).not.toBeNull();
  });
});
