import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  fetchProposal,
  fetchSpace,
  postToSequencer,
  SnapshotRejected,
  SnapshotUnavailable,
} from "../../server/services/snapshot/hub-client.ts";
import { latestSnapshotBlock } from "../../server/services/snapshot/snapshot-block.ts";
import type { SnapshotConfig } from "../../server/services/snapshot/snapshot-config.ts";
import { SNAPSHOT_DOMAIN } from "../../server/services/snapshot/typed-data.ts";
import { startTestHub } from "../support/snapshot.ts";
import { alice } from "../support/wallets.ts";

function deadUrl(): Promise<string> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(`http://127.0.0.1:${port}`));
    });
  });
}

const configFor = (url: string, over: Partial<SnapshotConfig> = {}): SnapshotConfig => ({
  hubUrl: url,
  sequencerUrl: url,
  space: "marginlab.eth",
  network: "1",
  rpcUrl: `${url}/rpc`,
  app: "marginlab",
  syncIntervalMs: 0,
  ...over,
});

describe("talking to the Snapshot hub", () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let dead: string;
  beforeAll(async () => {
    hub = await startTestHub({ voting: { delay: 0, period: 600, type: "single-choice", quorum: 3 } });
    dead = await deadUrl();
  });
  afterAll(() => hub?.close());

  it("reads the space's voting settings and a missing proposal as null", async () => {
    expect(await fetchSpace(configFor(hub.url))).toEqual({
      id: "marginlab.eth",
      network: "1",
      voting: { delay: 0, period: 600, type: "single-choice", quorum: 3 },
    });
    expect(await fetchSpace(configFor(hub.url, { space: "other.eth" }))).toBeNull();
    expect(await fetchProposal(configFor(hub.url), `0x${"0".repeat(64)}`)).toBeNull();
  });

  it("says which URL is down and that nothing changed when the hub, sequencer or RPC cannot be reached", async () => {
    const down = configFor(dead);
    await expect(fetchSpace(down)).rejects.toThrow(SnapshotUnavailable);
    await expect(fetchSpace(down)).rejects.toThrow(
      new RegExp(`Snapshot hub at ${dead}/graphql is unreachable .*nothing was changed, try again`),
    );
    await expect(
      postToSequencer(down, {
        address: alice.address,
        sig: "0x00",
        data: { domain: { ...SNAPSHOT_DOMAIN }, types: {}, message: {} },
      }),
    ).rejects.toThrow(new RegExp(`Snapshot sequencer at ${dead} is unreachable`));
    await expect(latestSnapshotBlock(down)).rejects.toThrow(
      new RegExp(`Snapshot chain RPC at ${dead}/rpc is unreachable`),
    );
  });

  it("passes on the sequencer's refusal as such, not as an outage", async () => {
    const refusal = postToSequencer(configFor(hub.url), {
      address: alice.address,
      sig: "0x00",
      data: {
        domain: { name: "other", version: "1" },
        types: {},
        message: { timestamp: Math.floor(Date.now() / 1000) },
      },
    });
    await expect(refusal).rejects.toBeInstanceOf(SnapshotRejected);
    await expect(refusal).rejects.toThrow("Snapshot refused the message: wrong domain");
  });

  it("reads the snapshot block from the chain head, and refuses an RPC of another chain", async () => {
    const block = await latestSnapshotBlock(configFor(hub.url));
    expect(block).toBeGreaterThan(20_000_000);
    await expect(latestSnapshotBlock(configFor(hub.url, { network: "11155111" }))).rejects.toThrow(
      /serves chain 1, but the Snapshot space's network is 11155111/,
    );
  });
});
