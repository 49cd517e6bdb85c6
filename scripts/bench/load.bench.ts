// Load: the production build on 127.0.0.1 with a fresh embedded database (seeded), concurrent readers of the
// report page and its API plus members endorsing and commenting, for LOAD_SECONDS (default 60). Reports
// requests/s, p50/p99 latency, errors, and proves no write was lost by counting rows afterwards. The baseline is
// the health endpoint measured the same way in the same run.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { privateKeyToAccount } from "viem/accounts";
import { freePort, httpClient, signInOverHttp, startApp } from "../../tests/support/app-process.ts";
import type { BenchRow, BenchSuite } from "./types.ts";

const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const MEMBERS = 24;

function cannon(opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(opts, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

const suite: BenchSuite = {
  title: `Load: report readers + endorsing/commenting members for ${SECONDS} s on the production build`,
  async run(): Promise<BenchRow[]> {
    const dataDir = mkdtempSync(join(tmpdir(), "marginlab-load-"));
    const app = await startApp({
      port: await freePort(),
      env: {
        DATABASE_URL: `pglite:${join(dataDir, "pglite")}`,
        // Every client here shares one IP; the limits are tested elsewhere, this measures throughput.
        RATE_LIMIT_AUTH: "1000000",
        RATE_LIMIT_WRITE: "1000000",
        BACKING_ENDORSEMENTS: "1000",
        SNAPSHOT_HUB_URL: "http://127.0.0.1:9",
      },
    });
    const base = app.base;
    try {
      const anon = httpClient(base).api;
      const proposals = await anon.proposals.list.query({});
      const target = proposals.find((p) => p.number === 1)!;

      // Members sign in with throwaway keys (indexes 1000+ of a deterministic sequence).
      const members = await Promise.all(
        Array.from({ length: MEMBERS }, async (_, i) => {
          const account = privateKeyToAccount(`0x${(1000 + i).toString(16).padStart(64, "0")}`);
          return { account, ...(await signInOverHttp(base, account)) };
        }),
      );
      const typed = await anon.proposals.endorsementRequest.query({ proposalId: target.id });
      const commentsBefore = (await anon.proposals.get.query({ number: 1 })).commentCount;

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
      const commentRows = after.commentCount - commentsBefore;
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
      await app.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};

export default suite;
