// Helpers for tests of the Snapshot integration: the ethers-v5-style signer snapshot.js's Client712 expects, wrapping
// a viem account (the same shim the browser uses around wagmi's wallet client), and a local hub in memory.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
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

/**
 * A broken or hostile hub: it forwards every request to `target` (so what it accepts really happens there) and
 * hands back the answer as `spoil` rewrites it (`undefined` leaves it as it was).
 */
export async function startSpoilingHub(target: string) {
  let spoil: (path: string, text: string) => string | undefined = () => undefined;
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const upstream = await fetch(`${target}${req.url}`, {
      method: req.method,
      headers: { "content-type": req.headers["content-type"] ?? "application/json" },
      ...(req.method === "GET" || req.method === "HEAD" ? {} : { body: Buffer.concat(chunks) }),
    });
    const text = await upstream.text();
    res.writeHead(upstream.status, { "content-type": upstream.headers.get("content-type") ?? "text/plain" });
    res.end(spoil(req.url ?? "/", text) ?? text);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    spoil(next: typeof spoil) {
      spoil = next;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
