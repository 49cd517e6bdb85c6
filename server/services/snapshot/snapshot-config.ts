import type { Env } from "../../env.ts";

/** Where backed proposals go to vote, from SNAPSHOT_* (see .env.example). */
export type SnapshotConfig = {
  /** Hub base URL; its GraphQL API is at `${hubUrl}/graphql`. */
  hubUrl: string;
  /** Where signed messages are posted: snapshot.js's `new Client712(url)` posts to exactly this URL. */
  sequencerUrl: string;
  space: string;
  /** Snapshot network id (the chain id as a string). */
  network: string;
  /** JSON-RPC of the space's chain; the snapshot block is its latest block. */
  rpcUrl: string;
  /** Recorded by Snapshot as the proposal's and votes' app (at most 24 characters). */
  app: string;
  /** Period of the background sync in milliseconds; 0 = off. */
  syncIntervalMs: number;
};

const trimSlash = (url: string) => url.replace(/\/+$/, "");

export function snapshotConfigFromEnv(env: Env): SnapshotConfig {
  const hubUrl = trimSlash(env.SNAPSHOT_HUB_URL);
  return {
    hubUrl,
    sequencerUrl: env.SNAPSHOT_SEQUENCER_URL ?? hubUrl,
    space: env.SNAPSHOT_SPACE,
    network: env.SNAPSHOT_NETWORK,
    // The local hub serves a chain head at /rpc so the whole flow works offline.
    rpcUrl: env.SNAPSHOT_RPC_URL ?? `${hubUrl}/rpc`,
    app: env.SNAPSHOT_APP,
    syncIntervalMs: env.SNAPSHOT_SYNC_SECONDS * 1000,
  };
}
