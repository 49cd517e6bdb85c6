// `npm run worker`: a simulation worker for PostgreSQL deployments. Start as many as you like, on any machine
// that reaches the database; each takes one run at a time from pg-boss.
import type PgBoss from "pg-boss";
import { serverConfigFromEnv } from "../config.ts";
import { connectDatabase } from "../db/connect.ts";
import { describeTarget } from "../db/database-url.ts";
import { parseEnv } from "../env.ts";
import { oneLine } from "../errors/one-line.ts";
import { computeInChildProcess } from "./compute-in-child-process.ts";
import { startPgBoss, workSimulationJobs } from "./pg-boss-queue.ts";
import { workRecommendationJobs } from "./recommendation-jobs.ts";
import { startSnapshotSync } from "./snapshot-sync.ts";

let env: ReturnType<typeof parseEnv>;
try {
  env = parseEnv(process.env);
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
if (env.DATABASE_URL.kind !== "postgresql") {
  console.error(
    "npm run worker needs DATABASE_URL=postgresql://... (the embedded database runs jobs in the app)",
  );
  process.exit(1);
}
const config = serverConfigFromEnv(env);
const conn = await connectDatabase(env.DATABASE_URL);
let boss: PgBoss;
let working: { stop: () => void };
let recommendations: { stop: () => void };
try {
  boss = await startPgBoss(env.DATABASE_URL.url);
  working = await workSimulationJobs(boss, conn.db, {
    compute: computeInChildProcess,
    backingEndorsements: config.backingEndorsements,
    staleAfterMs: config.runStaleSeconds * 1000,
  });
  // Recommendation searches: their coordinators and candidate evaluations (one candidate at a time per worker).
  recommendations = await workRecommendationJobs(boss, conn.db, {
    candidateStaleAfterMs: env.RECOMMENDATION_STALE_SECONDS * 1000,
  });
} catch (e) {
  // As `npm start` says it: one line, not the driver's stack.
  console.error(`Database not ready: ${oneLine(e)}`);
  process.exit(1);
}
console.log(
  `worker ${process.pid}: taking simulation runs and recommendation candidates from ${describeTarget(env.DATABASE_URL)}`,
);
// Follows Snapshot votes too (every process's sync is safe alongside the others').
const snapshotSync = config.snapshot ? startSnapshotSync(conn.db, config.snapshot) : null;

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, async () => {
    // Graceful: pg-boss waits for the job in hand; an interrupted one is retried elsewhere.
    working.stop();
    await snapshotSync?.stop();
    recommendations.stop();
    await boss.stop({ graceful: true, wait: true, timeout: 30_000 });
    await conn.close();
    process.exit(0);
  });
}
