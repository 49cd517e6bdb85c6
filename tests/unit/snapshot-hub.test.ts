import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import snapshot from "@snapshot-labs/snapshot.js";
import { createPublicClient, http } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSnapshotHub } from "../../scripts/snapshot-hub/hub.ts";
import { defaultSpace } from "../../scripts/snapshot-hub/space.ts";
import {
  type ProposalMessage,
  proposalMessageId,
  proposalTypes,
  SNAPSHOT_DOMAIN,
} from "../../server/services/snapshot/typed-data.ts";
import { closeVote, hubQuery, snapshotSigner, startTestHub } from "../support/snapshot.ts";
import { alice, bob, carol } from "../support/wallets.ts";

type Hub = Awaited<ReturnType<typeof startTestHub>>;
const PERIOD = 600;

function proposalMessage(
  from: string,
  now: number,
  block: number,
  over: Partial<ProposalMessage> = {},
): ProposalMessage {
  return {
    from,
    space: "marginlab.eth",
    timestamp: now,
    type: "single-choice",
    title: "Widen the scan range",
    body: "Report hash: abc",
    discussion: "http://marginlab.test/proposals/1",
    choices: ["For", "Against", "Abstain"],
    labels: [],
    start: now,
    end: now + PERIOD,
    snapshot: block,
    plugins: "{}",
    privacy: "",
    app: "marginlab",
    ...over,
  };
}

async function post(hub: Hub, envelope: unknown) {
  const res = await fetch(hub.url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(envelope),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe("local Snapshot hub", () => {
  let hub: Hub;
  let block: number;
  const now = () => Math.floor(Date.now() / 1000);

  beforeAll(async () => {
    hub = await startTestHub({
      members: [alice.address.toLowerCase()],
      filters: { onlyMembers: true },
      voting: { delay: 0, period: PERIOD, type: "single-choice", quorum: 2 },
    });
    block = Number(await createPublicClient({ transport: http(`${hub.url}/rpc`) }).getBlockNumber());
  });
  afterAll(() => hub?.close());

  it("serves a chain head that a viem public client reads", async () => {
    const client = createPublicClient({ transport: http(`${hub.url}/rpc`) });
    expect(await client.getChainId()).toBe(1);
    const latest = await client.getBlock();
    expect(Number(latest.number)).toBeGreaterThanOrEqual(block);
    // 12-second blocks from mainnet's genesis: within a block or two of the wall clock.
    expect(Math.abs(Number(latest.timestamp) - now())).toBeLessThanOrEqual(24);
  });

  it("accepts a proposal signed through snapshot.js's Client712 and answers like the sequencer", async () => {
    const client = new snapshot.Client712(hub.url);
    const t = now();
    const message = proposalMessage(alice.address, t, block);
    const receipt = (await client.proposal(snapshotSigner(alice) as never, alice.address, {
      ...message,
    } as never)) as {
      id: string;
      ipfs: string;
      relayer: { address: string; receipt: string };
    };
    expect(receipt.id).toBe(proposalMessageId(message));
    expect(receipt.ipfs).toMatch(/^bafkrei[a-z2-7]{52}$/);
    expect(receipt.relayer.address).toMatch(/^0x[0-9a-fA-F]{40}$/);
    expect(receipt.relayer.receipt).toMatch(/^0x[0-9a-f]{130}$/);
    // snapshot.js's own id of the message is the same EIP-712 hash.
    expect(snapshot.utils.getHash({ domain: SNAPSHOT_DOMAIN, types: proposalTypes, message } as never)).toBe(
      receipt.id,
    );

    const data = await hubQuery<{
      proposal: { state: string; author: string; choices: string[]; quorum: number; snapshot: string };
    }>(hub.url, "query($id: String) { proposal(id: $id) { state author choices quorum snapshot } }", {
      id: receipt.id,
    });
    expect(data.proposal).toEqual({
      state: "active",
      author: alice.address,
      choices: ["For", "Against", "Abstain"],
      quorum: 2,
      snapshot: String(block),
    });

    // Votes from two members; the tally, and each voter's own vote, come back through GraphQL.
    await client.vote(snapshotSigner(bob) as never, bob.address, {
      space: "marginlab.eth",
      proposal: receipt.id,
      type: "single-choice",
      choice: 1,
      app: "marginlab",
    } as never);
    await client.vote(snapshotSigner(carol) as never, carol.address, {
      space: "marginlab.eth",
      proposal: receipt.id,
      type: "single-choice",
      choice: 2,
      app: "marginlab",
    } as never);
    // A voter may change their vote; the later one replaces the earlier.
    await new Promise((r) => setTimeout(r, 1100));
    await client.vote(snapshotSigner(carol) as never, carol.address, {
      space: "marginlab.eth",
      proposal: receipt.id,
      type: "single-choice",
      choice: 1,
      app: "marginlab",
    } as never);
    const tally = await hubQuery<{
      proposal: { scores: number[]; scores_total: number; votes: number };
      votes: { voter: string; choice: number }[];
    }>(
      hub.url,
      `query($id: String, $voter: String) {
        proposal(id: $id) { scores scores_total votes }
        votes(where: { proposal: $id, voter: $voter }) { voter choice }
      }`,
      { id: receipt.id, voter: carol.address.toLowerCase() },
    );
    expect(tally.proposal).toEqual({ scores: [2, 0, 0], scores_total: 2, votes: 2 });
    expect(tally.votes).toEqual([{ voter: carol.address, choice: 1 }]);

    await closeVote(hub.url, receipt.id);
    const closed = await hubQuery<{ proposal: { state: string; scores_state: string } }>(
      hub.url,
      "query($id: String) { proposal(id: $id) { state scores_state } }",
      { id: receipt.id },
    );
    expect(closed.proposal).toEqual({ state: "closed", scores_state: "final" });
    await expect(
      client.vote(snapshotSigner(bob) as never, bob.address, {
        space: "marginlab.eth",
        proposal: receipt.id,
        type: "single-choice",
        choice: 2,
        app: "marginlab",
      } as never),
    ).rejects.toEqual({ error: "client_error", error_description: "not in voting window" });
  });

  it("refuses a tampered signature, a changed message, and types other than snapshot.js's", async () => {
    const t = now();
    const message = proposalMessage(alice.address, t, block, { title: "Tamper test" });
    const sig = await alice.signTypedData({
      domain: SNAPSHOT_DOMAIN,
      types: proposalTypes,
      primaryType: "Proposal",
      message: message as never,
    });
    const flipped = `${sig.slice(0, 10)}${sig[10] === "0" ? "1" : "0"}${sig.slice(11)}`;
    const envelope = (m: ProposalMessage, s: string, types: unknown = proposalTypes) => ({
      address: alice.address,
      sig: s,
      data: { domain: SNAPSHOT_DOMAIN, types, message: m },
    });
    expect(await post(hub, envelope(message, flipped))).toEqual({
      status: 400,
      body: { error: "client_error", error_description: "signature validation failed" },
    });
    // The signature is valid, but for another body.
    expect(
      (await post(hub, envelope({ ...message, body: "Different numbers" }, sig))).body.error_description,
    ).toBe("signature validation failed");
    // Signed by bob, claimed as alice.
    const bobSig = await bob.signTypedData({
      domain: SNAPSHOT_DOMAIN,
      types: proposalTypes,
      primaryType: "Proposal",
      message: message as never,
    });
    expect((await post(hub, envelope(message, bobSig))).body.error_description).toBe(
      "signature validation failed",
    );
    // Types with a field added (and signed accordingly) are not Snapshot's proposal type.
    const extended = { Proposal: [...proposalTypes.Proposal, { name: "extra", type: "string" }] };
    const extSig = await alice.signTypedData({
      domain: SNAPSHOT_DOMAIN,
      types: extended,
      primaryType: "Proposal",
      message: { ...message, extra: "x" } as never,
    });
    expect(
      (await post(hub, envelope({ ...message, extra: "x" } as never, extSig, extended))).body
        .error_description,
    ).toBe("wrong types");
    // The original, untampered, is accepted.
    expect((await post(hub, envelope(message, sig))).status).toBe(200);
  });

  it("does not store the same signed message twice", async () => {
    const client = new snapshot.Client712(hub.url);
    const message = proposalMessage(alice.address, now(), block, { title: "Retry test" });
    const first = (await client.proposal(snapshotSigner(alice) as never, alice.address, {
      ...message,
    } as never)) as { id: string };
    // A retry after a lost response signs the identical message again: same id, refused as a duplicate.
    await expect(
      client.proposal(snapshotSigner(alice) as never, alice.address, { ...message } as never),
    ).rejects.toEqual({
      error: "client_error",
      error_description: "duplicate message",
    });
    const all = await hubQuery<{ proposals: { id: string }[] }>(
      hub.url,
      '{ proposals(first: 100, where: { space: "marginlab.eth", state: "all" }) { id title } }',
    );
    expect(all.proposals.filter((p) => p.id === first.id)).toHaveLength(1);
  });

  it("enforces the space's rules: authors only, voting period, limits, voting power", async () => {
    const client = new snapshot.Client712(hub.url);
    const send = (account: typeof alice, over: Partial<ProposalMessage>) =>
      client.proposal(snapshotSigner(account) as never, account.address, {
        ...proposalMessage(account.address, now(), block, over),
      } as never);
    await expect(send(bob, { title: "Not a member" })).rejects.toMatchObject({
      error_description: "only space authors can propose",
    });
    await expect(send(alice, { title: "Long vote", end: now() + PERIOD + 60 })).rejects.toMatchObject({
      error_description: `invalid voting period: end - start must be ${PERIOD}`,
    });
    await expect(send(alice, { title: "x".repeat(257) })).rejects.toMatchObject({
      error_description: "wrong proposal format: title must be 1 to 256 characters",
    });
    await expect(send(alice, { title: "Long body", body: "y".repeat(10_001) })).rejects.toMatchObject({
      error_description: "wrong proposal format: body is longer than 10000 characters",
    });
    await expect(send(alice, { title: "Future block", snapshot: block + 1000 })).rejects.toMatchObject({
      error_description: "proposal snapshot must be in past",
    });
    await expect(send(alice, { title: "Approval", type: "approval" })).rejects.toMatchObject({
      error_description: "invalid voting type: the space votes single-choice",
    });
  });

  it("answers CORS preflights so a browser can post to it", async () => {
    const res = await fetch(hub.url, {
      method: "OPTIONS",
      headers: {
        origin: "http://marginlab.test",
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type",
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-headers")).toContain("content-type");
  });

  it("keeps proposals, votes and its relayer across a restart when given a data file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "snapshot-hub-"));
    try {
      const options = {
        spaces: [
          defaultSpace({ voting: { delay: 0, period: PERIOD, type: "single-choice" as const, quorum: 1 } }),
        ],
        dataFile: join(dir, "hub.json"),
      };
      const first = await startSnapshotHub(options);
      const client = new snapshot.Client712(first.url);
      const message = proposalMessage(alice.address, now(), block, { title: "Persistent" });
      const receipt = (await client.proposal(snapshotSigner(alice) as never, alice.address, {
        ...message,
      } as never)) as {
        id: string;
        relayer: { address: string };
      };
      await first.close();

      const second = await startSnapshotHub(options);
      try {
        const data = await hubQuery<{ proposal: { title: string } | null }>(
          second.url,
          "query($id: String) { proposal(id: $id) { title } }",
          { id: receipt.id },
        );
        expect(data.proposal).toEqual({ title: "Persistent" });
        const info = (await (await fetch(second.url)).json()) as { relayer: string };
        expect(info.relayer).toBe(receipt.relayer.address);
        // The duplicate check survives the restart too.
        await expect(
          new snapshot.Client712(second.url).proposal(snapshotSigner(alice) as never, alice.address, {
            ...message,
          } as never),
        ).rejects.toMatchObject({
          error_description: "duplicate message",
        });
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
