// A small Snapshot-compatible hub for development, demos and tests: the sequencer's `POST /` (verified EIP-712
// messages), the hub's GraphQL API at /graphql, and a chain head at /rpc, with CORS so the browser can post to it.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createPublicClient, http } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { answerRpc, blockNumberAt } from "./chain.ts";
import { createGraphqlApi } from "./graphql.ts";
import { ingest, Rejected } from "./ingest.ts";
import type { SpaceSettings } from "./space.ts";
import { openHubStore } from "./store.ts";

export type SnapshotHubOptions = {
  spaces: SpaceSettings[];
  /** JSON file that keeps proposals and votes across restarts; null = memory only. */
  dataFile: string | null;
  port?: number;
  host?: string;
  /** Unix seconds; tests may pass their own clock. */
  now?: () => number;
  /** Enables POST /_local/proposals/:id/close (ends a vote now), for demos and tests. */
  devControls?: boolean;
  log?: (line: string) => void;
  /**
   * JSON-RPC of the space's chain: the chain head comes from it, and on-chain strategies (erc20-votes) read from
   * it. Unset: a clock-driven chain head (served at /rpc) and off-chain strategies only.
   */
  chainRpcUrl?: string;
};

export type SnapshotHub = {
  url: string;
  close: () => Promise<void>;
};

const MAX_BODY_BYTES = 1_000_000;
const CORS = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, POST, OPTIONS",
  "access-control-allow-headers": "content-type, accept",
  "access-control-max-age": "86400",
};

function send(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...CORS, "content-type": "application/json; charset=utf-8" });
  res.end(text);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Rejected("too large message", 413);
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new Rejected("wrong envelope format");
  }
}

export async function startSnapshotHub(opts: SnapshotHubOptions): Promise<SnapshotHub> {
  const now = opts.now ?? (() => Math.floor(Date.now() / 1000));
  const log = opts.log ?? (() => {});
  const spaces = new Map(opts.spaces.map((s) => [s.id, s]));
  const store = openHubStore(opts.dataFile, () => ({
    relayerKey: generatePrivateKey(),
    proposals: {},
    votes: [],
    messages: {},
  }));
  const relayer = privateKeyToAccount(store.data.relayerKey);
  const chainId = Number(opts.spaces[0]?.network ?? "1");
  let baseUrl = "";
  const api = createGraphqlApi({ store, spaces, now, baseUrl: () => baseUrl });
  const chain = opts.chainRpcUrl
    ? createPublicClient({ transport: http(opts.chainRpcUrl, { timeout: 10_000 }), cacheTime: 0 })
    : null;
  const ingestDeps = {
    store,
    spaces,
    relayer,
    now,
    chain,
    blockNumber: chain
      ? async () => {
          try {
            return Number(await chain.getBlockNumber());
          } catch (e) {
            throw new Rejected(
              `the chain at ${opts.chainRpcUrl} did not answer: ${(e as Error).message}`,
              503,
            );
          }
        }
      : () => blockNumberAt(now()),
  };
  // One message at a time: checks and writes of one message must not interleave with another's.
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = queue.then(fn, fn);
    queue = next.catch(() => {});
    return next;
  };

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://hub.local");
    try {
      if (req.method === "OPTIONS") {
        res.writeHead(204, CORS);
        res.end();
        return;
      }
      if (url.pathname === "/" && req.method === "GET") {
        send(res, 200, {
          name: "marginlab-snapshot-hub",
          SNAPSHOT_ENV: "local",
          version: "1",
          relayer: relayer.address,
        });
        return;
      }
      if (url.pathname === "/" && req.method === "POST") {
        const body = await readJson(req);
        const receipt = await serially(() => ingest(ingestDeps, body));
        log(`accepted ${store.data.messages[receipt.id]?.type} ${receipt.id}`);
        send(res, 200, receipt);
        return;
      }
      const shown = /^\/proposal\/(0x[0-9a-fA-F]{64})$/.exec(url.pathname);
      if (shown && req.method === "GET") {
        const id = shown[1]!;
        const proposal = store.data.proposals[id];
        const votes = store.data.votes.filter((v) => v.proposal === id);
        send(
          res,
          proposal ? 200 : 404,
          proposal ? { proposal, votes } : { error: "client_error", error_description: "unknown proposal" },
        );
        return;
      }
      if (url.pathname === "/graphql" && (req.method === "POST" || req.method === "GET")) {
        const input =
          req.method === "POST"
            ? ((await readJson(req)) as {
                query?: string;
                variables?: Record<string, unknown>;
                operationName?: string;
              })
            : {
                query: url.searchParams.get("query") ?? undefined,
                variables: JSON.parse(url.searchParams.get("variables") ?? "{}") as Record<string, unknown>,
              };
        if (typeof input.query !== "string") {
          send(res, 400, { errors: [{ message: "query is required" }] });
          return;
        }
        send(res, 200, await api.execute(input.query, input.variables, input.operationName));
        return;
      }
      if (url.pathname === "/rpc" && req.method === "POST") {
        send(res, 200, answerRpc(await readJson(req), { chainId, now }));
        return;
      }
      const close = /^\/_local\/proposals\/([^/]+)\/close$/.exec(url.pathname);
      if (close && req.method === "POST" && opts.devControls) {
        const result = await serially(async () => {
          const p = store.data.proposals[decodeURIComponent(close[1]!)];
          if (!p) return null;
          // Ends the vote now (its last second is the one just past): for demos and tests that cannot wait out
          // the voting period.
          const t = now() - 1;
          p.end = Math.min(p.end, t);
          p.start = Math.min(p.start, p.end);
          store.save();
          return { id: p.id, start: p.start, end: p.end };
        });
        if (result) log(`closed ${result.id}`);
        send(
          res,
          result ? 200 : 404,
          result ?? { error: "client_error", error_description: "unknown proposal" },
        );
        return;
      }
      send(res, 404, { error: "client_error", error_description: "not found" });
    } catch (e) {
      if (e instanceof Rejected) {
        log(`rejected: ${e.description}`);
        send(res, e.status, {
          error: e.status < 500 ? "client_error" : "server_error",
          error_description: e.description,
        });
      } else {
        log(`error: ${(e as Error).stack ?? e}`);
        send(res, 500, { error: "server_error", error_description: "internal error" });
      }
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, opts.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  baseUrl = `http://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}`;
  return {
    url: baseUrl,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
