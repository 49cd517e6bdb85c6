import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pgBossJobQueue, startPgBoss, workSimulationJobs } from "../../server/jobs/pg-boss-queue.ts";
import { enactParameterSet } from "../../server/services/parameters/enact-parameter-set.ts";
import { SPAN_GRID_DEFAULTS } from "../../simulations/models/span-grid/params.ts";
import { runSimulation } from "../../simulations/simulation/run-simulation.ts";
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

    await workSimulationJobs(boss, database.db, {
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
