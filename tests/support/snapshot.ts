// Helpers for tests of the Snapshot integration: the ethers-v5-style signer snapshot.js's Client712 expects, wrapping
// a viem account (the same shim the browser uses around wagmi's wallet client), and a local hub in memory.
import type { TypedDataDomain } from "viem";
import { startSnapshotHub } from "../../scripts/snapshot-hub/hub.ts";
import { defaultSpace, type SpaceSettings } from "../../scripts/snapshot-hub/space.ts";
import type { TestAccount } from "./wallets.ts";

export function snapshotSigner(account: TestAccount) {
  return {
    getAddress: async () => account.address,
    _signTypedData: (
      domain: TypedDataDomain,
      types: Record<string, { name: string; type: string }[]>,
      message: Record<string, unknown>,
    ) => account.signTypedData({ domain, types, primaryType: Object.keys(types)[0]!, message }),
  };
}

export async function startTestHub(space: Partial<SpaceSettings> = {}, opts: { now?: () => number } = {}) {
  const settings = defaultSpace({ id: "marginlab.eth", ...space });
  const hub = await startSnapshotHub({
    spaces: [settings],
    dataFile: null,
    devControls: true,
    now: opts.now,
  });
  return { ...hub, space: settings };
}

export async function hubQuery<T = Record<string, unknown>>(
  hubUrl: string,
  query: string,
  variables: Record<string, unknown> = {},
) {
  const res = await fetch(`${hubUrl}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  const json = (await res.json()) as { data: T; errors?: unknown[] };
  if (json.errors) throw new Error(JSON.stringify(json.errors));
  return json.data;
}

export async function closeVote(hubUrl: string, snapshotId: string) {
  const res = await fetch(`${hubUrl}/_local/proposals/${snapshotId}/close`, { method: "POST" });
  if (!res.ok) throw new Error(`closing ${snapshotId}: HTTP ${res.status}`);
}
