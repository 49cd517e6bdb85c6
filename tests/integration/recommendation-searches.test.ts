import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedSearchRunner } from "../../server/jobs/embedded-search-runner.ts";
import { startPgBoss } from "../../server/jobs/pg-boss-queue.ts";
import { workRecommendationJobs } from "../../server/jobs/recommendation-jobs.ts";
import { enactParameterSet } from "../../server/services/parameters/enact-parameter-set.ts";
import { SPAN_GRID_DEFAULTS } from "../../simulations/models/span-grid/params.ts";
import { inThreadExecutor } from "../../simulations/recommend/candidate-executor.ts";
import type { RecommendationReport } from "../../simulations/recommend/recommendation-report.ts";
import { runSearch } from "../../simulations/recommend/run-search.ts";
import { prepareSearch } from "../../simulations/recommend/search-spec.ts";
import { runSimulation } from "../../simulations/simulation/run-simulation.ts";
import { signInAs } from "../support/sessions.ts";
import { testConfig } from "../support/test-context.ts";
import { openTestDatabase, type TestDatabase, testDatabaseKinds } from "../support/test-databases.ts";
import { alice, steward } from "../support/wallets.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const config = testConfig({ stewardAddresses: [steward.address.toLowerCase()] });

// A small search: a few seconds of simulation in all.
const spec = {
  fields: [{ path: "priceScanRange", min: 0.1, max: 0.6, step: 0.02 }],
  budget: { windowBadDebt: { max: { usd: 0 } } },
  evaluation: { accounts: 80, paths: 0, windows: ["2020-03-black-thursday"], volSpikes: null },
  screening: { accounts: 40 },
  effort: { design: 4, maxScreened: 8, keep: 1, finalists: 2 },
};

async function waitFor<T>(read: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (done(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The spec as the server completes it: a full evaluation has a proposal run's seed and frontier. */
const serverSpec = (s: typeof spec) => ({ ...s, evaluation: { seed: 1, frontier: {}, ...s.evaluation } });

/** The same search run by the engine alone, in this thread: the hash every job layout must reproduce. */
async function engineReport(live: unknown, searchSpec: unknown): Promise<RecommendationReport> {
  return runSearch({ prepared: prepareSearch({ live, spec: searchSpec }), executor: inThreadExecutor() });
}

describe.each(testDatabaseKinds)("recommendation searches on %s", (kind) => {
  let database: TestDatabase;
  let expected: RecommendationReport;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await enactParameterSet(database.db, {
      model: "span-grid",
      params: SPAN_GRID_DEFAULTS,
      enactedBy: "genesis",
    });
    expected = await engineReport({ model: "span-grid", ...SPAN_GRID_DEFAULTS }, serverSpec(spec));
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("a bad spec is refused with its field named, and creates nothing; a member cannot start a search", async () => {
    const api = await (await signInAs(database.db, steward, { config }))();
    const bad = [
      [
        { ...spec, fields: [{ path: "priceScan", min: 0.1, max: 0.2 }] },
        /fields\[0\]\.path: unknown field "priceScan"/,
      ],
      [
        { ...spec, fields: [{ path: "priceScanRange", min: 0.1, max: 3 }] },
        /fields\[0\]\.max: 3 is outside the bounds/,
      ],
      [{ ...spec, budget: {} }, /budget: empty/],
    ] as const;
    for (const [s, message] of bad) {
      await expect(
        api.recommendations.start({ spec: s as unknown as Record<string, unknown> }),
      ).rejects.toThrow(message);
    }
    const member = await (await signInAs(database.db, alice, { config }))();
    await expect(member.recommendations.start({ spec })).rejects.toThrow(/steward/);
    expect(await database.db.recommendationSearch.count()).toBe(0);
    expect(await database.db.candidateEvaluation.count()).toBe(0);
  });

  it("the embedded runner evaluates candidates in a child process on 2 worker threads: same report hash as the engine", {
    timeout: 240000,
  }, async () => {
    const runner = await startEmbeddedSearchRunner(database.db, { workers: 2, pollMs: 200 });
    try {
      const jobs = { notify: async () => {}, notifySearch: async () => runner.notify() };
      const api = await (await signInAs(database.db, steward, { config, jobs }))();
      const { searchId } = await api.recommendations.start({ spec });
      const done = await waitFor(
        () => api.recommendations.get({ searchId }),
        (s) => s.status === "succeeded" || s.status === "failed",
      );
      expect(done).toMatchObject({ status: "succeeded", error: null, lockedBy: null, stage: "done" });
      expect(done.done).toBe(done.total);
      expect(done.headline).toBe(expected.headline);
      const report = (await api.recommendations.report({ searchId })) as unknown as RecommendationReport;
      expect(report.reportHash).toBe(expected.reportHash);
      // One row per candidate evaluation, each counted once; full evaluations keep their stress report.
      const rows = await database.db.candidateEvaluation.findMany({ where: { searchId } });
      const evaluated = expected.candidates.reduce((n, c) => n + (c.screening ? 1 : 0) + (c.full ? 1 : 0), 0);
      expect(rows.length).toBe(evaluated);
      expect(rows.every((r) => r.status === "succeeded" && r.attempts === 1)).toBe(true);
      const fullRows = rows.filter((r) => r.stage === "full");
      expect(fullRows.length).toBeGreaterThan(0);
      for (const r of fullRows) {
        const stored = await database.db.report.findUniqueOrThrow({ where: { id: r.reportId! } });
        expect(stored.reportHash).toBe((r.outcome as { reportHash: string }).reportHash);
      }
    } finally {
      await runner.stop();
    }
  });

  it("drafts a proposal from the recommendation; publishing it reuses the finalist's report instead of a re-run", {
    timeout: 300000,
  }, async () => {
    const small = { ...config, runDefaults: { accounts: 40, paths: 0 } };
    const runner = await startEmbeddedSearchRunner(database.db, { workers: 2, pollMs: 200 });
    try {
      const jobs = {
        notify: async (runId: string) => {
          throw new Error(`run ${runId} should have reused the finalist's report`);
        },
        notifySearch: async () => runner.notify(),
      };
      const api = await (await signInAs(database.db, steward, { config: small, jobs }))();
      // The server's default full evaluation: the run a proposal queues (40 accounts, every window, the frontier).
      const { searchId } = await api.recommendations.start({
        spec: {
          fields: [{ path: "priceScanRange", min: 0.1, max: 0.4, step: 0.05 }],
          budget: { backtest: { minCoverage: 0.9, kupiec: false } },
          screening: { windows: ["2020-03-black-thursday"] },
          effort: { design: 2, maxScreened: 4, keep: 1, finalists: 1 },
        },
      });
      const done = await waitFor(
        () => api.recommendations.get({ searchId }),
        (s) => s.status === "succeeded" || s.status === "failed",
        240_000,
      );
      expect(done.status, done.error ?? "").toBe("succeeded");
      const report = (await api.recommendations.report({ searchId })) as unknown as RecommendationReport;
      const rec = report.recommendation!;
      expect(rec).not.toBeNull();

      const draft = await api.recommendations.draftProposal({ searchId });
      const proposal = await api.proposals.get({ number: draft.number });
      expect(proposal.diff).toEqual(rec.diff);
      expect(proposal.rationale).toContain(report.headline);
      expect(proposal.rationale).toContain(report.appetite.objective);
      const { runId } = await api.proposals.publish({ proposalId: draft.id });
      const run = await api.runs.get({ runId });
      expect(run).toMatchObject({ status: "succeeded", reusedReport: true });
      expect(run.report?.reportHash).toBe(rec.full.reportHash);
    } finally {
      await runner.stop();
    }
  });
});

// The production path: a coordinator job and candidate jobs that any number of `npm run worker` processes take.
describe.runIf(process.env.TEST_DATABASE_URL)("recommendation searches through pg-boss on PostgreSQL", () => {
  let database: TestDatabase;
  const bosses: PgBoss[] = [];

  beforeAll(async () => {
    database = await openTestDatabase("postgresql");
    await enactParameterSet(database.db, {
      model: "span-grid",
      params: SPAN_GRID_DEFAULTS,
      enactedBy: "genesis",
    });
  });
  afterAll(async () => {
    for (const b of bosses) await b.stop({ graceful: false, wait: true });
    await database?.drop();
  });

  it("two workers share the candidates; a candidate abandoned by a dead worker is taken over and counted once; same hash", {
    timeout: 240000,
  }, async () => {
    if (database.target.kind !== "postgresql") throw new Error("expected PostgreSQL");
    const expected = await engineReport({ model: "span-grid", ...SPAN_GRID_DEFAULTS }, serverSpec(spec));
    // Two workers, as two `npm run worker` processes would be (each its own pg-boss connection).
    const computedBy: string[] = [];
    const rescues: { stop: () => void }[] = [];
    for (const name of ["w1", "w2"]) {
      const boss = await startPgBoss(database.target.url);
      bosses.push(boss);
      const worker = await workRecommendationJobs(boss, database.db, {
        compute: (inputs, o) => {
          computedBy.push(name);
          return runSimulation(inputs, o);
        },
        candidateStaleAfterMs: 2_000,
        pollMs: 200,
      });
      rescues.push(worker);
    }
    const { pgBossJobQueue } = await import("../../server/jobs/pg-boss-queue.ts");
    const jobs = pgBossJobQueue(bosses[0]!);
    const api = await (
      await signInAs(database.db, steward, { config: { ...config, jobBackend: "pg-boss" }, jobs })
    )();

    // A worker that died holding a candidate: the first candidate row is claimed by "dead" and never finished.
    const { searchId } = await api.recommendations.start({ spec });
    const first = await waitFor(
      () => database.db.candidateEvaluation.findFirst({ where: { searchId }, orderBy: { position: "asc" } }),
      (r) => r !== null,
    );
    const dead = await database.db.candidateEvaluation.updateMany({
      where: { id: first!.id, status: { in: ["queued", "running"] } },
      data: { status: "running", lockedBy: "pg-boss:dead:1", heartbeatAt: new Date(Date.now() - 60_000) },
    });
    expect(dead.count).toBe(1);

    const done = await waitFor(
      () => api.recommendations.get({ searchId }),
      (s) => s.status === "succeeded" || s.status === "failed",
    );
    expect(done).toMatchObject({ status: "succeeded", error: null });
    const report = (await api.recommendations.report({ searchId })) as unknown as RecommendationReport;
    expect(report.reportHash).toBe(expected.reportHash);
    const rows = await database.db.candidateEvaluation.findMany({ where: { searchId } });
    expect(rows.every((r) => r.status === "succeeded")).toBe(true);
    const evaluated = expected.candidates.reduce((n, c) => n + (c.screening ? 1 : 0) + (c.full ? 1 : 0), 0);
    expect(rows.length).toBe(evaluated);
    const takenOver = rows.find((r) => r.id === first!.id)!;
    expect(takenOver.lockedBy).toBeNull();
    expect(takenOver.attempts).toBeGreaterThanOrEqual(1);
    expect(new Set(computedBy)).toEqual(new Set(["w1", "w2"]));
    for (const r of rescues) r.stop();
    for (const b of bosses.splice(0)) await b.stop({ graceful: false, wait: true });
  });

  it("a `npm run worker` process killed mid-candidate: the other finishes the search, with the same hash", {
    timeout: 400000,
  }, async () => {
    if (database.target.kind !== "postgresql") throw new Error("expected PostgreSQL");
    const url = database.target.url;
    const spec2 = { ...spec, seed: 2 };
    const expected = await engineReport({ model: "span-grid", ...SPAN_GRID_DEFAULTS }, serverSpec(spec2));
    const workers = [0, 1].map(() =>
      spawn(process.execPath, ["--import", "tsx", "server/jobs/worker.ts"], {
        cwd: root,
        env: {
          ...process.env,
          DATABASE_URL: url,
          JOB_BACKEND: "pg-boss",
          RECOMMENDATION_STALE_SECONDS: "3",
          SNAPSHOT_SYNC_SECONDS: "0",
        },
        // Its own process group: killing it also kills the simulation child it computes in, as a machine failure would.
        detached: true,
        stdio: ["ignore", "pipe", "ignore"],
      }),
    );
    const killGroup = (p: ChildProcess) => {
      try {
        process.kill(-p.pid!, "SIGKILL");
      } catch {}
    };
    try {
      const ready = workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            w.stdout!.on("data", (d: Buffer) => {
              if (d.toString().includes("taking simulation runs")) resolve();
            });
            w.on("exit", (code) => reject(new Error(`worker exited with ${code}`)));
          }),
      );
      await Promise.all(ready);
      const sender = await startPgBoss(url);
      bosses.push(sender);
      const api = await (
        await signInAs(database.db, steward, {
          config: { ...config, jobBackend: "pg-boss" },
          jobs: (await import("../../server/jobs/pg-boss-queue.ts")).pgBossJobQueue(sender),
        })
      )();
      const { searchId } = await api.recommendations.start({ spec: spec2 });
      const victim = workers[0]!;
      const held = await waitFor(
        () =>
          database.db.candidateEvaluation.findFirst({
            where: { searchId, status: "running", lockedBy: { endsWith: `:${victim.pid}` } },
          }),
        (r) => r !== null,
      );
      expect(held, "the first worker never held a candidate").not.toBeNull();
      killGroup(victim);
      const done = await waitFor(
        () => api.recommendations.get({ searchId }),
        (s) => s.status === "succeeded" || s.status === "failed",
        240_000,
      );
      expect(done).toMatchObject({ status: "succeeded", error: null });
      const report = (await api.recommendations.report({ searchId })) as unknown as RecommendationReport;
      expect(report.reportHash).toBe(expected.reportHash);
      const row = await database.db.candidateEvaluation.findUniqueOrThrow({ where: { id: held!.id } });
      // Taken over by the survivor: claimed twice, finished once.
      expect(row).toMatchObject({ status: "succeeded", lockedBy: null });
      expect(row.attempts).toBe(2);
    } finally {
      for (const w of workers) killGroup(w);
    }
  });
});
