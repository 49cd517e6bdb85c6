// Load: the production build on 127.0.0.1 with a fresh embedded database (seeded), concurrent readers of the
// report page and its API plus members endorsing and commenting, for LOAD_SECONDS (default 60). Reports
// requests/s, p50/p99 latency, errors, and proves no write was lost by counting rows afterwards. The baseline is
// the health endpoint measured the same way in the same run.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTRPCClient, httpLink } from "@trpc/client";
import autocannon from "autocannon";
import superjson from "superjson";
import { privateKeyToAccount } from "viem/accounts";
import { createSiweMessage } from "viem/siwe";
import type { AppRouter } from "../../server/api/root.ts";
import type { BenchRow, BenchSuite } from "./types.ts";

const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const MEMBERS = 24;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, "127.0.0.1", () => {
      const address = srv.address();
      srv.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

async function startApp(port: number, dataDir: string): Promise<ChildProcess> {
  const server = spawn("npx", ["tsx", "scripts/start.ts"], {
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: `pglite:${join(dataDir, "pglite")}`,
      NODE_ENV: "production",
      // Every client here shares one IP; the limits are tested elsewhere, this measures throughput.
      RATE_LIMIT_AUTH: "1000000",
      RATE_LIMIT_WRITE: "1000000",
      BACKING_ENDORSEMENTS: "1000",
    },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return server;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("the app did not start");
}

/** A tRPC client that carries one member's session cookie and our Origin, as that member's browser would. */
function client(base: string) {
  let cookie = "";
  const api = createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${base}/api/trpc`,
        transformer: superjson,
        fetch: async (url, init) => {
          const res = await fetch(url, {
            ...init,
            headers: { ...(init?.headers as object), origin: base, cookie },
          });
          const set = res.headers.get("set-cookie");
          if (set) cookie = set.split(";")[0] ?? "";
          return res;
        },
      }),
    ],
  });
  return { api, cookie: () => cookie };
}

function cannon(opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(opts, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

const suite: BenchSuite = {
  title: `Load: report readers + endorsing/commenting members for ${SECONDS} s on the production build`,
  async run(): Promise<BenchRow[]> {
    const dataDir = mkdtempSync(join(tmpdir(), "marginlab-load-"));
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const app = await startApp(port, dataDir);
    try {
      const anon = client(base).api;
      const info = await anon.system.info.query();
      const proposals = await anon.proposals.list.query({});
      const target = proposals.find((p) => p.number === 1)!;

      // Members sign in with throwaway keys (indexes 1000+ of a deterministic sequence).
      const members = await Promise.all(
        Array.from({ length: MEMBERS }, async (_, i) => {
          const account = privateKeyToAccount(`0x${(1000 + i).toString(16).padStart(64, "0")}`);
          const c = client(base);
          const { nonce } = await c.api.auth.nonce.mutate();
          const message = createSiweMessage({
            address: account.address,
            chainId: info.chainId,
            domain: `127.0.0.1:${port}`,
            nonce,
            uri: base,
            version: "1",
          });
          await c.api.auth.signIn.mutate({ message, signature: await account.signMessage({ message }) });
          return { account, ...c };
        }),
      );
      const typed = await anon.proposals.endorsementRequest.query({ proposalId: target.id });
      const commentsBefore = (await anon.proposals.get.query({ number: 1 })).comments.length;

      const baseline = await cannon({
        url: `${base}/api/health`,
        connections: 10,
        duration: Math.max(5, SECONDS / 6),
      });

      const getInput = encodeURIComponent(JSON.stringify({ json: { number: 1 } }));
      const readers = cannon({
        url: base,
        connections: 16,
        duration: SECONDS,
        requests: [
          { method: "GET", path: "/proposals/1" },
          { method: "GET", path: `/api/trpc/proposals.get?input=${getInput}` },
        ],
      });
      let commentIndex = 0;
      const writers = cannon({
        url: base,
        connections: 4,
        duration: SECONDS,
        requests: [
          {
            method: "POST",
            path: "/api/trpc/comments.add",
            setupRequest: (req) => {
              const m = members[commentIndex++ % members.length]!;
              return {
                ...req,
                headers: { "content-type": "application/json", origin: base, cookie: m.cookie() },
                body: JSON.stringify({
                  json: { proposalId: target.id, body: `Load comment ${commentIndex}` },
                }),
              };
            },
          },
        ],
      });
      // Every member endorses once, in the middle of the load.
      const endorsements = await Promise.allSettled(
        members.map(async (m) =>
          m.api.proposals.endorse.mutate({
            proposalId: target.id,
            signature: await m.account.signTypedData(typed),
          }),
        ),
      );
      const [read, write] = await Promise.all([readers, writers]);

      const after = await anon.proposals.get.query({ number: 1 });
      const commentsWritten = write["2xx"];
      const commentRows = after.comments.length - commentsBefore;
      const endorsedOk = endorsements.filter((e) => e.status === "fulfilled").length;
      const endorsementRows = after.endorsements.filter((e) =>
        members.some((m) => m.account.address.toLowerCase() === e.address),
      ).length;
      // Writes still in flight when the clock stopped land without being counted as answered: more rows than 2xx
      // answers is not a loss; fewer would be.
      const lost = Math.max(0, commentsWritten - commentRows) + Math.max(0, endorsedOk - endorsementRows);
      return [
        { measure: "baseline: /api/health", value: `${baseline.requests.average.toFixed(0)} req/s` },
        {
          measure: "report readers (page + API)",
          value: `${read.requests.average.toFixed(0)} req/s`,
          target: `${(read.requests.average / baseline.requests.average).toFixed(2)}x baseline`,
        },
        { measure: "reader latency p50 / p99", value: `${read.latency.p50} / ${read.latency.p99} ms` },
        {
          measure: "reader errors (non-2xx + failures)",
          value: String(read.non2xx + read.errors),
          target: "0",
          ok: read.non2xx + read.errors === 0,
        },
        { measure: "comments answered 2xx / rows found", value: `${commentsWritten} / ${commentRows}` },
        { measure: "comment latency p50 / p99", value: `${write.latency.p50} / ${write.latency.p99} ms` },
        {
          measure: "writer errors",
          value: String(write.non2xx + write.errors),
          target: "0",
          ok: write.non2xx + write.errors === 0,
        },
        { measure: "endorsements accepted", value: `${endorsedOk} / ${MEMBERS}`, ok: endorsedOk === MEMBERS },
        { measure: "writes lost (accepted - rows)", value: String(lost), target: "0", ok: lost === 0 },
      ];
    } finally {
      if (app.pid) process.kill(-app.pid, "SIGTERM");
      await new Promise((r) => setTimeout(r, 1000));
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};

export default suite;
