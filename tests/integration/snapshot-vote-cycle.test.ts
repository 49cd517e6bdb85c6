// The last step of the workflow against the real local Snapshot hub: a backed proposal is submitted with a signed
// EIP-712 message (snapshot.js's Client712 in Node, through the same signer shim the browser uses), two members
// vote, the vote closes, the sync moves the proposal to passed, and enacting it changes the live parameter set.
import { createServer } from "node:net";
import snapshot from "@snapshot-labs/snapshot.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServerConfig } from "../../server/config.ts";
import { type EmbeddedRunner, startEmbeddedRunner } from "../../server/jobs/embedded-runner.ts";
import { startSnapshotSync } from "../../server/jobs/snapshot-sync.ts";
import { enactParameterSet } from "../../server/services/parameters/enact-parameter-set.ts";
import type { SnapshotConfig } from "../../server/services/snapshot/snapshot-config.ts";
import { proposalTypedData, type SnapshotReceipt } from "../../server/services/snapshot/typed-data.ts";
import { SPAN_GRID_DEFAULTS } from "../../simulations/models/span-grid/params.ts";
import { runSimulation } from "../../simulations/simulation/run-simulation.ts";
import { signInAs } from "../support/sessions.ts";
import { closeVote, hubQuery, snapshotSigner, startSpoilingHub, startTestHub } from "../support/snapshot.ts";
import { testConfig } from "../support/test-context.ts";
import { openTestDatabase, type TestDatabase, testDatabaseKinds } from "../support/test-databases.ts";
import { alice, bob, carol, steward } from "../support/wallets.ts";

const compute = (inputs: Parameters<typeof runSimulation>[0], opts: Parameters<typeof runSimulation>[1]) =>
  runSimulation(inputs, opts);

/** A port nothing listens on: the "hub is down" address. */
function deadUrl(): Promise<string> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(`http://127.0.0.1:${port}`));
    });
  });
}

type Who = "alice" | "bob" | "carol" | "steward";

describe.each(testDatabaseKinds)("Snapshot vote cycle on %s", (kind) => {
  let database: TestDatabase;
  let runner: EmbeddedRunner;
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let snapshotConfig: SnapshotConfig;
  let config: ServerConfig;
  let as: Record<Who, Awaited<ReturnType<typeof signInAs>>>;
  let down: Record<"alice", Awaited<ReturnType<typeof signInAs>>>;
  let dead: string;
  let spoiling: Awaited<ReturnType<typeof startSpoilingHub>>;
  let garbled: Record<"alice", Awaited<ReturnType<typeof signInAs>>>;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await enactParameterSet(database.db, {
      model: "span-grid",
      params: SPAN_GRID_DEFAULTS,
      enactedBy: "genesis",
    });
    runner = await startEmbeddedRunner(database.db, { compute, backingEndorsements: 2, pollMs: 100 });
    hub = await startTestHub({ voting: { delay: 0, period: 3600, type: "single-choice", quorum: 2 } });
    dead = await deadUrl();
    snapshotConfig = {
      hubUrl: hub.url,
      sequencerUrl: hub.url,
      space: "marginlab.eth",
      network: "1",
      rpcUrl: `${hub.url}/rpc`,
      app: "marginlab",
      syncIntervalMs: 0,
    };
    config = testConfig({
      stewardAddresses: [steward.address.toLowerCase()],
      runDefaults: { accounts: 150, paths: 0 },
      snapshot: snapshotConfig,
    });
    const opts = { config, jobs: runner };
    as = {
      alice: await signInAs(database.db, alice, opts),
      bob: await signInAs(database.db, bob, opts),
      carol: await signInAs(database.db, carol, opts),
      steward: await signInAs(database.db, steward, opts),
    };
    // The same app, configured with a hub and RPC that do not answer.
    const downConfig = {
      ...config,
      snapshot: { ...snapshotConfig, hubUrl: dead, sequencerUrl: dead, rpcUrl: `${dead}/rpc` },
    };
    down = { alice: await signInAs(database.db, alice, { config: downConfig, jobs: runner }) };
    // And with a hub in between that spoils the real hub's answers.
    spoiling = await startSpoilingHub(hub.url);
    const garbledConfig = {
      ...config,
      snapshot: {
        ...snapshotConfig,
        hubUrl: spoiling.url,
        sequencerUrl: spoiling.url,
        rpcUrl: `${spoiling.url}/rpc`,
      },
    };
    garbled = { alice: await signInAs(database.db, alice, { config: garbledConfig, jobs: runner }) };
  });
  afterAll(async () => {
    await runner?.stop();
    await spoiling?.close();
    await hub?.close();
    await database?.drop();
  });

  /** Drafts, publishes, simulates, endorses (bob, carol) and approves (steward): a backed proposal. */
  async function backedProposal(title: string, changes: Record<string, unknown>) {
    const draft = await (await as.alice()).proposals.createDraft({
      title,
      rationale: "Tested against the local Snapshot hub.",
      changes,
    });
    await (await as.alice()).proposals.publish({ proposalId: draft.id });
    await runner.idle();
    for (const [who, account] of [
      ["bob", bob],
      ["carol", carol],
    ] as const) {
      const api = await as[who]();
      const typed = await api.proposals.endorsementRequest({ proposalId: draft.id });
      await api.proposals.endorse({ proposalId: draft.id, signature: await account.signTypedData(typed) });
    }
    const reviewed = await (await as.steward()).proposals.review({
      proposalId: draft.id,
      verdict: "approve",
      comment: "Numbers check out.",
    });
    expect(reviewed.state).toBe("backed");
    return draft;
  }

  const vote = (account: typeof bob, proposal: string, choice: number) =>
    new snapshot.Client712(hub.url).vote(snapshotSigner(account) as never, account.address, {
      space: "marginlab.eth",
      proposal,
      type: "single-choice",
      choice,
      app: "marginlab",
    } as never);

  it("submits, follows the vote to passed, and enacts: the live set changes", async () => {
    const draft = await backedProposal("Widen the scan range to 20%", { priceScanRange: 0.2 });

    // Members other than the author and stewards cannot submit.
    await expect((await as.carol()).snapshot.prepareSubmission({ proposalId: draft.id })).rejects.toThrow(
      /only the author or a steward/,
    );

    const prepared = await (await as.alice()).snapshot.prepareSubmission({ proposalId: draft.id });
    const m = prepared.message;
    expect(m).toMatchObject({
      from: alice.address,
      space: "marginlab.eth",
      type: "single-choice",
      title: `MarginLab #${draft.number}: Widen the scan range to 20%`,
      discussion: `http://marginlab.test/proposals/${draft.number}`,
      choices: ["For", "Against", "Abstain"],
      app: "marginlab",
      start: m.timestamp,
      end: m.timestamp + 3600,
    });
    expect(m.body).toContain("priceScanRange");
    expect(m.body).toContain("| Initial margin held |");
    expect(m.body).toContain("Bad debt in the worst historical window");
    expect(m.snapshot).toBeGreaterThan(20_000_000); // the hub's chain head, mainnet-like numbers
    // Asking again (a reload, a retry) hands out the identical message.
    const again = await (await as.alice()).snapshot.prepareSubmission({ proposalId: draft.id });
    expect(again.message).toEqual(m);
    expect(again.snapshotId).toBe(prepared.snapshotId);

    // Sign and send as the browser does: snapshot.js Client712 with the wallet shim, then record the receipt.
    const receipt = (await new snapshot.Client712(prepared.sequencerUrl).proposal(
      snapshotSigner(alice) as never,
      alice.address,
      { ...m } as never,
    )) as SnapshotReceipt;
    expect(receipt.id).toBe(prepared.snapshotId);
    const recorded = await (await as.alice()).snapshot.recordSubmission({ proposalId: draft.id, receipt });
    expect(recorded).toMatchObject({ snapshotId: receipt.id, ipfs: receipt.ipfs, state: "submitted" });
    // Recording again is harmless.
    expect(
      await (await as.alice()).snapshot.recordSubmission({ proposalId: draft.id, receipt }),
    ).toMatchObject({ snapshotId: receipt.id });
    await expect((await as.alice()).snapshot.prepareSubmission({ proposalId: draft.id })).rejects.toThrow(
      /already submitted to Snapshot/,
    );

    // The sync sees the vote open.
    const opened = await (await as.bob()).snapshot.sync({ proposalId: draft.id });
    expect(opened.changes).toEqual([
      { proposalId: draft.id, number: draft.number, from: "submitted", to: "active" },
    ]);

    // Two members vote For; the page shows scores, quorum and the member's own vote.
    await vote(bob, receipt.id, 1);
    await vote(carol, receipt.id, 1);
    const status = await (await as.bob()).snapshot.status({ proposalId: draft.id });
    expect(status).toMatchObject({
      state: "active",
      snapshotId: receipt.id,
      votingOpen: true,
      myVote: { choice: 1, label: "For", vp: 1 },
      vote: {
        state: "active",
        choices: ["For", "Against", "Abstain"],
        scores: [2, 0, 0],
        scoresTotal: 2,
        quorum: 2,
        quorumReached: true,
        votes: 2,
      },
      hubError: null,
    });
    expect((await (await as.alice()).snapshot.status({ proposalId: draft.id })).myVote).toBeNull();

    // Nothing is enacted while the vote runs.
    await expect((await as.steward()).proposals.enact({ proposalId: draft.id })).rejects.toThrow(
      /active proposal cannot become enacted/,
    );

    await closeVote(hub.url, receipt.id);
    const closed = await (await as.bob()).snapshot.sync({});
    expect(closed.changes).toEqual([
      { proposalId: draft.id, number: draft.number, from: "active", to: "passed" },
    ]);
    const page = await (await as.alice()).proposals.get({ number: draft.number });
    expect(page.state).toBe("passed");
    expect(page.snapshotIpfs).toBe(receipt.ipfs);
    expect(page.voteResult).toMatchObject({ state: "closed", scores: [2, 0, 0], quorumReached: true });
    expect(page.transitions.map((t) => `${t.from}->${t.to}`)).toEqual([
      "null->draft",
      "draft->published",
      "published->backed",
      "backed->submitted",
      "submitted->active",
      "active->passed",
    ]);

    const before = await (await as.alice()).parameters.live();
    const { version } = await (await as.steward()).proposals.enact({ proposalId: draft.id });
    const after = await (await as.alice()).parameters.live();
    expect(version).toBe((before?.version ?? 0) + 1);
    expect(after?.params.priceScanRange).toBe(0.2);
    expect(before?.params.priceScanRange).toBe(0.15);
    expect(after?.proposalId).toBe(draft.id);
  });

  it("survives a hub outage and a lost post without a second Snapshot proposal; a vote short of quorum is rejected", async () => {
    const draft = await backedProposal("Lower the maintenance factor", { mmFactor: 0.7 });

    // Hub down: a clear error, and the proposal stays backed.
    await expect((await down.alice()).snapshot.prepareSubmission({ proposalId: draft.id })).rejects.toThrow(
      new RegExp(`Snapshot hub at ${dead}/graphql is unreachable .*nothing was changed, try again`),
    );
    expect((await (await as.alice()).proposals.get({ number: draft.number })).state).toBe("backed");

    const prepared = await (await as.alice()).snapshot.prepareSubmission({ proposalId: draft.id });
    // While alice's reservation holds, a steward cannot start a competing one.
    await expect((await as.steward()).snapshot.prepareSubmission({ proposalId: draft.id })).rejects.toThrow(
      /is submitting this proposal/,
    );

    // Alice signs, but the post never reaches Snapshot; recording while the hub is down fails and changes nothing.
    const signature = await alice.signTypedData(proposalTypedData(prepared.message));
    await expect(
      (await down.alice()).snapshot.recordSubmission({ proposalId: draft.id, signature }),
    ).rejects.toThrow(/unreachable/);
    const stillBacked = await (await as.alice()).snapshot.status({ proposalId: draft.id });
    expect(stillBacked).toMatchObject({
      state: "backed",
      snapshotId: null,
      pendingSubmission: { signed: true, lastError: expect.stringMatching(/unreachable/) },
    });
    // A signature over anything else is refused.
    const forged = await bob.signTypedData(proposalTypedData(prepared.message));
    await expect(
      (await as.alice()).snapshot.recordSubmission({ proposalId: draft.id, signature: forged }),
    ).rejects.toThrow(/not the signer's signature/);

    // The retry: the server sends the identical signed message itself.
    const recorded = await (await as.alice()).snapshot.recordSubmission({ proposalId: draft.id });
    expect(recorded).toMatchObject({ snapshotId: prepared.snapshotId, state: "submitted" });
    // The browser's own late retry of the same message is a duplicate, not a second proposal.
    await expect(
      new snapshot.Client712(hub.url).proposal(snapshotSigner(alice) as never, alice.address, {
        ...prepared.message,
      } as never),
    ).rejects.toEqual({ error: "client_error", error_description: "duplicate message" });
    const onHub = await hubQuery<{ proposals: { id: string }[] }>(
      hub.url,
      'query { proposals(first: 100, where: { space: "marginlab.eth", state: "all" }) { id title } }',
    );
    expect(onHub.proposals.filter((p) => p.id === prepared.snapshotId)).toHaveLength(1);
    expect(onHub.proposals).toHaveLength(2);

    // One vote For: quorum (2) not reached, so the proposal is rejected when the vote closes.
    await (await as.bob()).snapshot.sync({});
    await vote(bob, prepared.snapshotId, 1);
    await closeVote(hub.url, prepared.snapshotId);
    const result = await (await as.carol()).snapshot.sync({});
    expect(result.changes).toEqual([
      { proposalId: draft.id, number: draft.number, from: "active", to: "rejected" },
    ]);
    await expect((await as.steward()).proposals.enact({ proposalId: draft.id })).rejects.toThrow(
      /a rejected proposal cannot become enacted/,
    );
  });

  it("refuses a hub answering garbage with a clear error, moves nothing, and a retry does not duplicate", async () => {
    const draft = await backedProposal("Soften the downward vol shock", { volShockDown: 0.2 });
    const proposalAnswer = (edit: (p: Record<string, unknown>) => void) => (path: string, text: string) => {
      if (path !== "/graphql" || !text.includes('"proposal"')) return undefined;
      const json = JSON.parse(text) as { data: { proposal: Record<string, unknown> | null } };
      if (json.data.proposal) edit(json.data.proposal);
      return JSON.stringify(json);
    };
    const cannotUse =
      /Snapshot hub at .* gave an answer that cannot be used \(.+\); nothing was changed, try again/;

    // An HTML error page instead of GraphQL: the proposal stays backed.
    spoiling.spoil(() => "<html><body>502 Bad Gateway</body></html>");
    await expect(
      (await garbled.alice()).snapshot.prepareSubmission({ proposalId: draft.id }),
    ).rejects.toThrow(/gave an answer that cannot be used \(no data in the answer\)/);
    // A space whose voting settings are not numbers.
    spoiling.spoil((path, text) =>
      path === "/graphql" ? text.replace(/"period":\d+/, '"period":"forever"') : undefined,
    );
    await expect(
      (await garbled.alice()).snapshot.prepareSubmission({ proposalId: draft.id }),
    ).rejects.toThrow(/cannot be used \(space\.voting\.period: /);
    expect((await (await as.alice()).proposals.get({ number: draft.number })).state).toBe("backed");

    // The sequencer accepts the signed proposal but the answer that comes back is not a receipt.
    spoiling.spoil(() => undefined);
    const prepared = await (await garbled.alice()).snapshot.prepareSubmission({ proposalId: draft.id });
    const signature = await alice.signTypedData(proposalTypedData(prepared.message));
    spoiling.spoil((path) => (path === "/" ? JSON.stringify({ id: "0x1", ipfs: "x" }) : undefined));
    await expect(
      (await garbled.alice()).snapshot.recordSubmission({ proposalId: draft.id, signature }),
    ).rejects.toThrow(/sequencer at .* gave an answer that cannot be used \(receipt id: /);
    expect(await (await as.alice()).snapshot.status({ proposalId: draft.id })).toMatchObject({
      state: "backed",
      snapshotId: null,
      pendingSubmission: { signed: true },
    });
    // The retry finds the proposal already on Snapshot and records it: one Snapshot proposal, not two.
    const recorded = await (await as.alice()).snapshot.recordSubmission({ proposalId: draft.id });
    expect(recorded).toMatchObject({ snapshotId: prepared.snapshotId, state: "submitted" });
    const onHub = await hubQuery<{ proposals: { id: string }[] }>(
      hub.url,
      'query { proposals(first: 100, where: { space: "marginlab.eth", state: "all" }) { id } }',
    );
    expect(onHub.proposals.filter((p) => p.id === prepared.snapshotId)).toHaveLength(1);

    // Scores that are not numbers, another proposal's answer, a proposal from another space: reported, not applied.
    for (const [edit, reason] of [
      [(p: Record<string, unknown>) => Object.assign(p, { scores: "lots" }), /proposal\.scores: /],
      [
        (p: Record<string, unknown>) => Object.assign(p, { id: `0x${"ab".repeat(32)}`, state: "closed" }),
        /answered with proposal 0xabab/,
      ],
      [
        (p: Record<string, unknown>) => Object.assign(p, { space: { id: "evil.eth" }, state: "closed" }),
        /answered from space evil\.eth/,
      ],
    ] as const) {
      spoiling.spoil(proposalAnswer(edit));
      const report = await (await garbled.alice()).snapshot.sync({ proposalId: draft.id });
      expect(report.changes).toEqual([]);
      expect(report.errors).toHaveLength(1);
      expect(report.errors[0]).toMatch(cannotUse);
      expect(report.errors[0]).toMatch(reason);
      const status = await (await garbled.alice()).snapshot.status({ proposalId: draft.id });
      expect(status).toMatchObject({ state: "submitted", vote: null });
      expect(status.hubError).toMatch(reason);
    }

    // The real hub's answer then applies.
    const synced = await (await as.alice()).snapshot.sync({ proposalId: draft.id });
    expect(synced.changes).toEqual([
      { proposalId: draft.id, number: draft.number, from: "submitted", to: "active" },
    ]);
  });

  it("the periodic sync records a submission whose recording never arrived, and follows its vote", async () => {
    const draft = await backedProposal("Raise the upward vol shock", { volShockUp: 0.4 });
    const prepared = await (await as.alice()).snapshot.prepareSubmission({ proposalId: draft.id });
    // Signed and posted, then the tab closed before recordSubmission.
    await new snapshot.Client712(hub.url).proposal(snapshotSigner(alice) as never, alice.address, {
      ...prepared.message,
    } as never);
    expect((await (await as.alice()).proposals.get({ number: draft.number })).state).toBe("backed");

    const lines: string[] = [];
    const sync = startSnapshotSync(database.db, snapshotConfig, {
      intervalMs: 50,
      log: (l) => lines.push(l),
    });
    try {
      await expect
        .poll(async () => (await (await as.alice()).proposals.get({ number: draft.number })).state, {
          timeout: 10_000,
        })
        .toBe("active");
      const page = await (await as.alice()).proposals.get({ number: draft.number });
      expect(page.snapshotId).toBe(prepared.snapshotId);
      expect(lines).toContain(`snapshot sync: recorded the submission of proposal ${draft.id}`);

      await vote(bob, prepared.snapshotId, 1);
      await vote(carol, prepared.snapshotId, 3); // abstaining counts toward quorum
      await closeVote(hub.url, prepared.snapshotId);
      await expect
        .poll(async () => (await (await as.alice()).proposals.get({ number: draft.number })).state, {
          timeout: 10_000,
        })
        .toBe("passed");
      expect(lines).toContain(`snapshot sync: proposal #${draft.number} active -> passed`);
    } finally {
      await sync.stop();
    }
  });
});
