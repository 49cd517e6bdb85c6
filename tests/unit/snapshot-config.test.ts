import { describe, expect, it } from "vitest";
import { parseEnv } from "../../server/env.ts";
import { snapshotConfigFromEnv } from "../../server/services/snapshot/snapshot-config.ts";

describe("Snapshot configuration from the environment", () => {
  it("defaults to the local hub, which also serves the chain head", () => {
    expect(snapshotConfigFromEnv(parseEnv({}))).toEqual({
      hubUrl: "http://127.0.0.1:3100",
      sequencerUrl: "http://127.0.0.1:3100",
      space: "marginlab.eth",
      network: "1",
      rpcUrl: "http://127.0.0.1:3100/rpc",
      app: "marginlab",
      syncIntervalMs: 30_000,
    });
  });

  it("takes the real Snapshot's hub and sequencer, a space, its network and an RPC", () => {
    const config = snapshotConfigFromEnv(
      parseEnv({
        SNAPSHOT_HUB_URL: "https://hub.snapshot.org/",
        SNAPSHOT_SEQUENCER_URL: "https://seq.snapshot.org",
        SNAPSHOT_SPACE: "marginlab-dao.eth",
        SNAPSHOT_NETWORK: "11155111",
        SNAPSHOT_RPC_URL: "https://rpc.example/sepolia",
        SNAPSHOT_SYNC_SECONDS: "0",
      }),
    );
    expect(config).toMatchObject({
      hubUrl: "https://hub.snapshot.org",
      sequencerUrl: "https://seq.snapshot.org",
      space: "marginlab-dao.eth",
      network: "11155111",
      rpcUrl: "https://rpc.example/sepolia",
      syncIntervalMs: 0,
    });
  });

  it.each([
    ["SNAPSHOT_HUB_URL", "hub.snapshot.org"],
    ["SNAPSHOT_SEQUENCER_URL", "ftp://seq.example"],
    ["SNAPSHOT_SPACE", "not a space!"],
    ["SNAPSHOT_NETWORK", "mainnet"],
    ["SNAPSHOT_APP", "an-app-name-longer-than-24-chars"],
    ["SNAPSHOT_SYNC_SECONDS", "-1"],
  ])("stops at start-up with one line naming %s", (name, value) => {
    expect(() => parseEnv({ [name]: value })).toThrow(new RegExp(`^Invalid environment variable ${name}: `));
  });
});
