// Fault: PostgreSQL restarts in the middle of a simulation run on the production path (pg-boss worker). The run
// carries on (progress writes that fail are skipped), reaches the database again and finishes; one report.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import type PgBoss from "pg-boss";
import { afterAll, describe, expect, it } from "vitest";
import { pgBossJobQueue, startPgBoss, workSimulationJobs } from "../../server/jobs/pg-boss-queue.ts";
import { enactParameterSet } from "../../server/services/parameters/enact-parameter-set.ts";
import { SPAN_GRID_DEFAULTS } from "../../simulations/models/span-grid/params.ts";
import { runSimulation } from "../../simulations/simulation/run-simulation.ts";
import { signInAs } from "../support/sessions.ts";
import { testConfig } from "../support/test-context.ts";
import { openTestDatabase, type TestDatabase } from "../support/test-databases.ts";
import { alice } from "../support/wallets.ts";

/** Restarts the local cluster the way the machine's notes start it (needs the rights CI runs with). */
function restartPostgres() {
  const version = readdirSync("/etc/postgresql")[0];
  const run = spawnSync("pg_ctlcluster", ["--skip-systemctl-redirect", String(version), "main", "restart"], {
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(`could not restart PostgreSQL: ${run.stderr || run.error?.message}`);
}

let database: TestDatabase | undefined;
let boss: PgBoss | undefined;
afterAll(async () => {
  await boss?.stop({ graceful: false, wait: true }).catch(() => {});
  await database?.drop();
});

describe.runIf(process.env.TEST_DATABASE_URL)("PostgreSQL restarts during a run", () => {
  // The waits below are generous for a loaded CI machine; the test's own limit covers both.
  it("the run survives the restart and stores one report", { timeout: 720_000 }, async () => {
    database = await openTestDatabase("postgresql");
    if (database.target.kind !== "postgresql") throw new Error("expected PostgreSQL");
    await enactParameterSet(database.db, {
      model: "span-grid",
      params: SPAN_GRID_DEFAULTS,
      enactedBy: "genesis",
    });
    boss = await startPgBoss(database.target.url);
    const config = testConfig({ jobBackend: "pg-boss", runDefaults: { accounts: 3_000, paths: 60 } });
    const api = await (await signInAs(database.db, alice, { config, jobs: pgBossJobQueue(boss) }))();
    const draft = await api.proposals.createDraft({
      title: "Restart test",
      rationale: "Survives a database restart.",
      changes: { mmFactor: 0.75 },
    });
    const { runId } = await api.proposals.publish({ proposalId: draft.id });
    await workSimulationJobs(boss, database.db, {
      compute: (i, o) => runSimulation(i, o),
      backingEndorsements: 2,
    });

    const deadline = Date.now() + 240_000;
    for (;;) {
      const run = await database.db.simulationRun.findUniqueOrThrow({ where: { id: runId } });
      if (run.status === "running" && run.progress > 0.05) break;
      if (run.status !== "queued" && run.status !== "running")
        throw new Error(`run ended as ${run.status} before the restart`);
      if (Date.now() > deadline) throw new Error("the run did not start");
      await new Promise((r) => setTimeout(r, 200));
    }
    restartPostgres();

    const end = Date.now() + 420_000;
    let status = "";
    while (Date.now() < end) {
      try {
        const run = await database.db.simulationRun.findUniqueOrThrow({ where: { id: runId } });
        status = run.status;
        if (status === "succeeded" || status === "failed") break;
      } catch {
        // The database is still coming back.
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    const run = await database.db.simulationRun.findUniqueOrThrow({ where: { id: runId } });
    expect(run).toMatchObject({ status: "succeeded", error: null });
    expect(await database.db.report.count()).toBe(1);
  });
});
