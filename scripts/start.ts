// `npm start`: validate the environment, migrate the database and seed it when empty, build if the sources are
// newer than the last build, then serve. `npm run dev` does the same with `next dev` and no build.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { serverConfigFromEnv } from "../server/config.ts";
import { connectDatabase } from "../server/db/connect.ts";
import { describeTarget } from "../server/db/database-url.ts";
import { type Env, parseEnv } from "../server/env.ts";
import { oneLine } from "../server/errors/one-line.ts";
import { seedDemoDataIfEmpty } from "../server/services/seed/seed-demo-data.ts";

// Next would otherwise report anonymous telemetry over the network.
process.env.NEXT_TELEMETRY_DISABLED ??= "1";

const dev = process.argv.includes("--dev");
const SOURCES = [
  "app",
  "server",
  "simulations",
  "public",
  "prisma/schema.prisma",
  "next.config.js",
  "package-lock.json",
];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function buildIsStale(): boolean {
  const buildId = ".next/BUILD_ID";
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  return SOURCES.some((s) => newestMtime(s) > built);
}

async function prepareDatabase(env: Env) {
  const config = serverConfigFromEnv(env);
  if (config.demoData && env.DATABASE_URL.kind === "postgresql") {
    console.warn(
      "WARNING: SEED_DEMO_DATA=on with PostgreSQL: the demo wallets' private keys are public, so anyone can sign in " +
        "as their admin and steward. Never on a deployment with real members.",
    );
  }
  const conn = await connectDatabase(env.DATABASE_URL, { migrate: true });
  try {
    const seeded = await seedDemoDataIfEmpty(conn.db, config, (line) => console.log(line));
    const what = config.demoData ? "seeded demo data" : "seeded its genesis parameter set";
    console.log(`Database: ${describeTarget(env.DATABASE_URL)}${seeded ? ` (${what})` : ""}`);
    if (seeded && !config.demoData && config.adminAddresses.length === 0)
      console.log("No ADMIN_ADDRESSES: nobody can appoint stewards until one is configured.");
  } finally {
    // The embedded database is a folder only one process may hold: release it before the server opens it.
    await conn.close();
  }
}

// Same precedence as Next: real environment variables win over the .env file.
if (existsSync(".env")) process.loadEnvFile(".env");

let env: Env;
try {
  env = parseEnv(process.env);
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}

try {
  await prepareDatabase(env);
} catch (e) {
  console.error(`Database not ready: ${oneLine(e)}`);
  process.exit(1);
}
if (!dev && buildIsStale()) {
  console.log("Building the app (sources changed since the last build)...");
  const build = spawnSync("npm", ["run", "-s", "build"], { stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

/**
 * The demo votes on the local Snapshot hub: when SNAPSHOT_HUB_URL is unset or left at its default
 * (http://127.0.0.1:3100, as .env.example writes it) and no hub answers there, start one beside the app
 * (`npm run snapshot:local`), so propose -> vote -> enact works offline.
 */
async function startLocalHubIfNeeded(): Promise<ChildProcess | null> {
  const url = env.SNAPSHOT_HUB_URL;
  if (process.env.SNAPSHOT_HUB_URL && url !== parseEnv({}).SNAPSHOT_HUB_URL) return null;
  const answers = await fetch(url, { signal: AbortSignal.timeout(1_000) }).then(
    () => true,
    () => false,
  );
  if (answers) return null;
  console.log(`Starting the local Snapshot hub on ${url} (set SNAPSHOT_HUB_URL to use another hub)`);
  return spawn(
    process.execPath,
    ["--import", "tsx", "scripts/snapshot-hub/main.ts", "--port", new URL(url).port || "3100"],
    { stdio: "inherit" },
  );
}

// Node itself runs each child (not npx, whose chain of processes does not pass a signal on to its end), so a
// stop sent to this process alone (a container runtime, systemd, a supervisor) stops the server and the hub.
const hub = await startLocalHubIfNeeded();
// scripts/serve.ts: Next behind the step that decides the client's address and host (TRUST_PROXY).
const server = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts", ...(dev ? ["--dev"] : [])], {
  stdio: "inherit",
  env: { ...process.env, NODE_ENV: dev ? "development" : "production" },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    hub?.kill(signal);
    server.kill(signal);
  });
}
server.on("exit", (code) => {
  hub?.kill("SIGTERM");
  process.exit(code ?? 0);
});
