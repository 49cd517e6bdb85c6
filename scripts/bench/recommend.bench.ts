/**
 * Parameter recommendation benchmark (issue 16): candidate evaluations per core-second at screening size and at
 * full size (one candidate in this thread: one core), then a default search (3 fields, about 48 screened
 * candidates and 4 finalists in full) on 2 worker threads with its wall time (target < 10 minutes on this 2-core
 * machine), and the time projected on 16 workers from the measured per-candidate cost: each batch of the search
 * takes ceil(batch / 16) candidate times of its stage (no contention, no start-up; a lower bound to read as such).
 *
 * With RECOMMEND_BENCH_DATABASE_URL (a PostgreSQL server; a throwaway database is created and dropped), also the
 * speed-up of 2 pg-boss workers over 1 on one search (target >= 1.8x): each worker computes its candidates in a
 * child process of its own, as `npm run worker` does.
 *
 * Sizes are options for quick iterations (defaults are the issue's):
 *   RECOMMEND_BENCH_FULL_ACCOUNTS=10000 RECOMMEND_BENCH_FULL_PATHS=200 RECOMMEND_BENCH_WORKERS=2 npm run bench recommend
 */

import pg from "pg";
import type PgBoss from "pg-boss";
import { serverConfigFromEnv } from "../../server/config.ts";
import { connectDatabase } from "../../server/db/connect.ts";
import { parseEnv } from "../../server/env.ts";
import { pgBossJobQueue, startPgBoss } from "../../server/jobs/pg-boss-queue.ts";
import { workRecommendationJobs } from "../../server/jobs/recommendation-jobs.ts";
import { enactParameterSet } from "../../server/services/parameters/enact-parameter-set.ts";
import { startSearch } from "../../server/services/recommendations/start-search.ts";
import { threadExecutor } from "../../simulations/recommend/candidate-executor.ts";
import { evaluateCandidate } from "../../simulations/recommend/evaluate-candidate.ts";
import { runSearch } from "../../simulations/recommend/run-search.ts";
import { candidateSet } from "../../simulations/recommend/search-space.ts";
import { prepareSearch } from "../../simulations/recommend/search-spec.ts";
import type { BenchRow, BenchSuite } from "./types.ts";

const env = (name: string, fallback: number) => {
  const v = process.env[name];
  return v === undefined ? fallback : Number(v);
};

const LIVE = {};

function defaultSpec(accounts: number, paths: number) {
  return {
    fields: [
      { path: "priceScanRange", min: 0.08, max: 0.4, step: 0.01 },
      { path: "volShockUp", min: 0.1, max: 1, step: 0.05 },
      { path: "extremeMoveMultiple", min: 1, max: 4, step: 0.25 },
    ],
    appetite: "moderate",
    evaluation: { accounts, paths },
    effort: { design: 32, maxScreened: 48, keep: 2, finalists: 4 },
  };
}

/** Wall time of one search on PostgreSQL with `workers` pg-boss workers (fresh database each time). */
export async function pgBossSearchSeconds(server: string, workers: number): Promise<number> {
  const name = `marginlab_bench_${process.pid}_${workers}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const env = parseEnv({ DATABASE_URL: url.toString(), JOB_BACKEND: "pg-boss" });
  const conn = await connectDatabase(env.DATABASE_URL, { migrate: true });
  const bosses: PgBoss[] = [];
  try {
    await enactParameterSet(conn.db, { model: "span-grid", params: {}, enactedBy: "genesis" });
    for (let k = 0; k < workers; k++) {
      const boss = await startPgBoss(url.toString());
      bosses.push(boss);
      await workRecommendationJobs(boss, conn.db, {});
    }
    const config = serverConfigFromEnv(env);
    const t0 = performance.now();
    const search = await startSearch(
      { db: conn.db, config, jobs: pgBossJobQueue(bosses[0]!) },
      { address: "bench" },
      {
        spec: {
          fields: [{ path: "priceScanRange", min: 0.08, max: 0.4, step: 0.01 }],
          budget: { windowBadDebt: { max: { fractionOfFund: 0.25 } } },
          evaluation: {
            accounts: 1_000,
            paths: 0,
            windows: ["2020-03-black-thursday", "2022-11-ftx"],
            frontier: { values: [] },
          },
          effort: { design: 8, maxScreened: 16, keep: 1, finalists: 2 },
        },
      },
    );
    for (;;) {
      const s = await conn.db.recommendationSearch.findUniqueOrThrow({ where: { id: search.id } });
      if (s.status === "succeeded") break;
      if (s.status === "failed") throw new Error(`bench search failed: ${s.error}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    return (performance.now() - t0) / 1000;
  } finally {
    for (const b of bosses) await b.stop({ graceful: false, wait: true });
    await conn.close();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

const suite: BenchSuite = {
  title:
    "Parameter recommendation: candidate evaluations per core-second, a default search, 16-worker projection",
  async run(): Promise<BenchRow[]> {
    const accounts = env("RECOMMEND_BENCH_FULL_ACCOUNTS", 10_000);
    const paths = env("RECOMMEND_BENCH_FULL_PATHS", 200);
    const workers = env("RECOMMEND_BENCH_WORKERS", 2);
    const rows: BenchRow[] = [];
    const prepared = prepareSearch({ live: LIVE, spec: defaultSpec(accounts, paths) });

    // Per-candidate cost on one core, at each size (a different candidate each time: no cache helps).
    const perCandidate: Record<"screening" | "full", number> = { screening: 0, full: 0 };
    for (const [stage, count] of [
      ["screening", 4],
      ["full", 1],
    ] as const) {
      const t0 = performance.now();
      for (let k = 0; k < count; k++) {
        const set = candidateSet(prepared.base, { priceScanRange: 0.12 + 0.02 * k });
        await evaluateCandidate({ key: `bench-${k}`, stage, inputs: prepared.inputs(set, stage) });
      }
      const seconds = (performance.now() - t0) / 1000;
      perCandidate[stage] = seconds / count;
      const i = prepared.inputs(prepared.base, stage);
      rows.push({
        measure: `${stage} evaluations per core-second (${i.accounts} accounts, ${i.paths} MC paths, windows ${i.windows.join(",")})`,
        value: `${(count / seconds).toFixed(3)} /s (${perCandidate[stage].toFixed(1)} s each)`,
      });
    }

    const executor = threadExecutor(workers);
    const t0 = performance.now();
    const report = await runSearch({ prepared, executor });
    const seconds = (performance.now() - t0) / 1000;
    await executor.close();
    const screened = report.candidates.filter((c) => c.screening).length;
    const full = report.candidates.filter((c) => c.full).length;
    rows.push(
      {
        measure: `default search (3 fields, ${screened} screened, ${full} full) on ${workers} worker threads`,
        value: `${seconds.toFixed(0)} s`,
        target: "< 600 s",
        ok: seconds < 600,
      },
      { measure: "  its headline", value: report.headline.slice(0, 60) },
    );

    // Batches as the search ran them: the design, each refinement round, the finalists, the sensitivity.
    const batches = new Map<string, { n: number; stage: "screening" | "full" }>();
    for (const c of report.candidates) {
      if (c.screening) {
        const id = c.origin === "base" || c.origin === "design" ? "design" : `${c.origin}-${c.round}`;
        const b = batches.get(id) ?? { n: 0, stage: "screening" };
        b.n++;
        batches.set(id, b);
      }
      if (c.full) {
        const b = batches.get("finalists") ?? { n: 0, stage: "full" };
        b.n++;
        batches.set("finalists", b);
      }
    }
    const projected = (w: number) =>
      [...batches.values()].reduce((s, b) => s + Math.ceil(b.n / w) * perCandidate[b.stage], 0);
    rows.push(
      {
        measure: `projected on ${workers} workers from the per-candidate cost (${batches.size} batches)`,
        value: `${projected(workers).toFixed(0)} s`,
      },
      {
        measure: "projected on 16 workers from the per-candidate cost",
        value: `${projected(16).toFixed(0)} s`,
      },
    );

    const server = process.env.RECOMMEND_BENCH_DATABASE_URL;
    if (server) {
      const one = await pgBossSearchSeconds(server, 1);
      const two = await pgBossSearchSeconds(server, 2);
      rows.push(
        {
          measure: "PostgreSQL search (1,000 accounts, 2 windows): 1 pg-boss worker",
          value: `${one.toFixed(1)} s`,
        },
        { measure: "PostgreSQL search: 2 pg-boss workers", value: `${two.toFixed(1)} s` },
        {
          measure: "speed-up of 2 workers over 1",
          value: `${(one / two).toFixed(2)}x`,
          target: ">= 1.8x",
          ok: one / two >= 1.8,
        },
      );
    } else {
      rows.push({
        measure: "speed-up of 2 pg-boss workers over 1",
        value: "skipped (set RECOMMEND_BENCH_DATABASE_URL)",
      });
    }
    return rows;
  },
};

export default suite;
