import { type ChildProcess, spawn } from "node:child_process";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pgBossJobQueue, startPgBoss, workSimulationJobs } from "../../server/jobs/pg-boss-queue.ts";
import { enactParameterSet } from "../../server/services/parameters/enact-parameter-set.ts";
import { SPAN_GRID_DEFAULTS } from "../../simulations/models/span-grid/params.ts";
import { runSimulation, type SimulationInputs } from "../../simulations/simulation/run-simulation.ts";
import { signInAs } from "../support/sessions.ts";
import { testConfig } from "../support/test-context.ts";
import { openTestDatabase, type TestDatabase } from "../support/test-databases.ts";
import { alice } from "../support/wallets.ts";

const config = testConfig({ jobBackend: "pg-boss", runDefaults: { accounts: 150, paths: 0 } });

async function waitFor<T>(read: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (done(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
}

// The production path: PostgreSQL with pg-boss workers (`npm run worker` runs workSimulationJobs).
describe.runIf(process.env.TEST_DATABASE_URL)("simulation runs through pg-boss on PostgreSQL", () => {
  let database: TestDatabase;
  let boss: PgBoss;
  let working: { stop: () => void } | undefined;

  beforeAll(async () => {
    database = await openTestDatabase("postgresql");
    await enactParameterSet(database.db, {
      model: "span-grid",
      params: SPAN_GRID_DEFAULTS,
      enactedBy: "genesis",
    });
    if (database.target.kind !== "postgresql") throw new Error("expected PostgreSQL");
    boss = await startPgBoss(database.target.url);
  });
  afterAll(async () => {
    working?.stop();
    await boss?.stop({ graceful: false, wait: true });
    await database?.drop();
  });

  it("a published proposal's run is taken by a worker and its report stored; an abandoned run is taken over", async () => {
    const jobs = pgBossJobQueue(boss);
    const api = await signInAs(database.db, alice, { config, jobs });
    const a = await api();
    const draft = await a.proposals.createDraft({
      title: "Scan 17%",
      rationale: "A slightly wider scan range.",
      changes: { priceScanRange: 0.17 },
    });
    const { runId } = await a.proposals.publish({ proposalId: draft.id });
    expect((await a.runs.get({ runId })).status).toBe("queued");

    working = await workSimulationJobs(boss, database.db, {
      compute: (i, o) => runSimulation(i, o),
      backingEndorsements: 2,
    });
    const run = await waitFor(
      () => a.runs.get({ runId }),
      (r) => r.status === "succeeded" || r.status === "failed",
    );
    expect(run).toMatchObject({ status: "succeeded", attempts: 1, error: null });
    expect(run.lockedBy).toBeNull();

    // A worker that died mid-run leaves "running" with a stale heartbeat; pg-boss retries the job and it is taken over.
    // Publish through a queue that holds the job back, so the run is abandoned before any worker saw it.
    const held: string[] = [];
    const holding = await signInAs(database.db, alice, {
      config,
      jobs: { notify: async (id) => void held.push(id) },
    });
    const h = await holding();
    const second = await h.proposals.createDraft({
      title: "Scan 19%",
      rationale: "A wider scan range again.",
      changes: { priceScanRange: 0.19 },
    });
    const { runId: abandoned } = await h.proposals.publish({ proposalId: second.id });
    expect(held).toEqual([abandoned]);
    await database.db.simulationRun.update({
      where: { id: abandoned },
      data: {
        status: "running",
        lockedBy: "pg-boss:dead:1",
        heartbeatAt: new Date(Date.now() - 10 * 60_000),
      },
    });
    await jobs.notify(abandoned);
    const resumed = await waitFor(
      () => a.runs.get({ runId: abandoned }),
      (r) => r.status === "succeeded",
    );
    expect(resumed.status).toBe("succeeded");
  });
});

// A worker killed outright (SIGKILL: no error thrown, its pg-boss job left active for hours): another worker must
// take the run over once its heartbeat is stale, and finish it with the report an uninterrupted run gives.
describe.runIf(process.env.TEST_DATABASE_URL)("a killed pg-boss worker's run is taken over", () => {
  const STALE_SECONDS = 6;
  const takeoverConfig = testConfig({
    jobBackend: "pg-boss",
    runDefaults: { accounts: 1_000, paths: 6 },
    runStaleSeconds: STALE_SECONDS,
  });
  let database: TestDatabase;
  let boss: PgBoss;
  const workers: ChildProcess[] = [];

  /** `npm run worker` as a deployment runs it, on this test's database. */
  function startWorker(): ChildProcess {
    if (database.target.kind !== "postgresql") throw new Error("expected PostgreSQL");
    const worker = spawn(process.execPath, ["--import", "tsx", "server/jobs/worker.ts"], {
      env: {
        ...process.env,
        DATABASE_URL: database.target.url,
        RUN_STALE_SECONDS: String(STALE_SECONDS),
        SNAPSHOT_SYNC_SECONDS: "0",
      },
      stdio: ["ignore", "ignore", "inherit"],
    });
    workers.push(worker);
    return worker;
  }

  beforeAll(async () => {
    database = await openTestDatabase("postgresql");
    await enactParameterSet(database.db, {
      model: "span-grid",
      params: SPAN_GRID_DEFAULTS,
      enactedBy: "genesis",
    });
    if (database.target.kind !== "postgresql") throw new Error("expected PostgreSQL");
    boss = await startPgBoss(database.target.url);
  });
  afterAll(async () => {
    for (const w of workers) if (w.exitCode === null) w.kill("SIGKILL");
    await boss?.stop({ graceful: false, wait: true });
    await database?.drop();
  });

  it("a second worker finishes it with the same report hash", { timeout: 300_000 }, async () => {
    const api = await signInAs(database.db, alice, { config: takeoverConfig, jobs: pgBossJobQueue(boss) });
    const a = await api();
    const draft = await a.proposals.createDraft({
      title: "Scan 18%",
      rationale: "A wider scan range, computed by a worker that dies.",
      changes: { priceScanRange: 0.18 },
    });
    const { runId } = await a.proposals.publish({ proposalId: draft.id });

    const first = startWorker();
    const started = await waitFor(
      () => database.db.simulationRun.findUniqueOrThrow({ where: { id: runId } }),
      (r) => r.status === "running" && r.progress > 0,
      120_000,
    );
    expect(started.lockedBy).toMatch(new RegExp(`:${first.pid}$`));
    first.kill("SIGKILL");
    await new Promise((r) => first.once("exit", r));

    // Nothing finishes it while only the dead worker held it; retry refuses while the heartbeat is fresh.
    const fresh = await database.db.simulationRun.findUniqueOrThrow({ where: { id: runId } });
    if (Date.now() - fresh.heartbeatAt!.getTime() < STALE_SECONDS * 1000 - 1_000)
      await expect(a.runs.retry({ runId })).rejects.toThrow(/still reporting/);

    startWorker();
    const done = await waitFor(
      () => a.runs.get({ runId }),
      (r) => r.status === "succeeded" || r.status === "failed",
      240_000,
    );
    expect(done).toMatchObject({ status: "succeeded", attempts: 2, error: null, lockedBy: null });
    const audit = await database.db.auditEvent.findMany({
      where: { entityId: runId },
      orderBy: { at: "asc" },
    });
    expect(audit.map((e) => e.action)).toEqual(["run.queued", "run.reclaimed", "run.succeeded"]);

    const run = await database.db.simulationRun.findUniqueOrThrow({
      where: { id: runId },
      include: { report: true },
    });
    const uninterrupted = await runSimulation(run.inputs as unknown as SimulationInputs);
    expect(run.report?.reportHash).toBe(uninterrupted.reportHash);
  });

  it("runs.retry takes back a running run whose worker stopped beating", async () => {
    const held: string[] = [];
    const api = await signInAs(database.db, alice, {
      config: takeoverConfig,
      jobs: { notify: async (id) => void held.push(id) },
    });
    const a = await api();
    const draft = await a.proposals.createDraft({
      title: "Scan 21%",
      rationale: "A run whose worker went silent.",
      changes: { priceScanRange: 0.21 },
    });
    const { runId } = await a.proposals.publish({ proposalId: draft.id });
    await database.db.simulationRun.update({
      where: { id: runId },
      data: { status: "running", lockedBy: "pg-boss:dead:1", heartbeatAt: new Date() },
    });
    await expect(a.runs.retry({ runId })).rejects.toThrow(/still reporting/);
    await database.db.simulationRun.update({
      where: { id: runId },
      data: { heartbeatAt: new Date(Date.now() - (STALE_SECONDS + 1) * 1000) },
    });
    await a.runs.retry({ runId });
    expect(await a.runs.get({ runId })).toMatchObject({ status: "queued", lockedBy: null });
    expect(held).toEqual([runId, runId]);
  });
});
