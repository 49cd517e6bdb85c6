// `npm start`: validate the environment, migrate the database and seed it when empty, build if the sources are
// newer than the last build, then serve. `npm run dev` does the same with `next dev` and no build.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { serverConfigFromEnv } from "../server/config.ts";
import { connectDatabase } from "../server/db/connect.ts";
import { describeTarget } from "../server/db/database-url.ts";
import { type Env, parseEnv } from "../server/env.ts";
import { oneLine } from "../server/errors/one-line.ts";
import { getLiveParameterSet } from "../server/services/parameters/live-parameter-set.ts";
import { seedDemoDataIfEmpty } from "../server/services/seed/seed-demo-data.ts";
import { LOCAL_CHAIN_ID, type LocalChain, startLocalChain } from "./local-chain/chain.ts";
import { seedLocalGovernance } from "./local-chain/seed-governance.ts";

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

/** Migrates (and seeds an empty database); answers the live parameter set. */
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
    const live = await getLiveParameterSet(conn.db);
    return live ? { model: live.model, params: live.params as unknown } : null;
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

let live: Awaited<ReturnType<typeof prepareDatabase>>;
try {
  live = await prepareDatabase(env);
} catch (e) {
  console.error(`Database not ready: ${oneLine(e)}`);
  process.exit(1);
}
if (!dev && buildIsStale()) {
  console.log("Building the app (sources changed since the last build)...");
  const build = spawnSync("npm", ["run", "-s", "build"], { stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

/** SNAPSHOT_HUB_URL unset or left at its default: the demo's own hub, started here unless one answers. */
const localHubWanted =
  !process.env.SNAPSHOT_HUB_URL || env.SNAPSHOT_HUB_URL === parseEnv({}).SNAPSHOT_HUB_URL;

/**
 * The demo votes on the local Snapshot hub: when SNAPSHOT_HUB_URL is unset or left at its default
 * (http://127.0.0.1:3100, as .env.example writes it) and no hub answers there, start one beside the app
 * (`npm run snapshot:local`), so propose -> vote -> enact works offline.
 */
async function startLocalHubIfNeeded(
  chain: { url: string; token: string } | null,
): Promise<ChildProcess | null> {
  if (!localHubWanted) return null;
  const url = env.SNAPSHOT_HUB_URL;
  if (await hubAnswers(url)) return null;
  console.log(`Starting the local Snapshot hub on ${url} (set SNAPSHOT_HUB_URL to use another hub)`);
  const hub = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "scripts/snapshot-hub/main.ts",
      "--port",
      new URL(url).port || "3100",
      // Votes weighed by the governance token on the local chain (Snapshot's erc20-votes strategy).
      ...(chain ? ["--rpc-url", chain.url, "--token", chain.token, "--network", String(LOCAL_CHAIN_ID)] : []),
    ],
    { stdio: "inherit" },
  );
  // The app submits to it as soon as it serves: wait until the hub answers (or has exited), at most 30 s.
  for (let waited = 0; waited < 30_000 && hub.exitCode === null; waited += 200) {
    if (await hubAnswers(url)) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return hub;
}

const hubAnswers = (url: string) =>
  fetch(url, { signal: AbortSignal.timeout(1_000) }).then(
    () => true,
    () => false,
  );

/**
 * On-chain governance on the embedded demo: when RPC_URL is unset, run a local chain in this process (Hardhat's
 * EDR, http://127.0.0.1:8545), deploy the token and the registry (holding the live set), give the demo wallets
 * delegated tokens, and point the app at them. The chain lives in memory: every start deploys afresh.
 */
async function startLocalChainIfNeeded(): Promise<{ chain: LocalChain; env: Record<string, string> } | null> {
  if (env.RPC_URL || env.LOCAL_CHAIN === "off" || env.DATABASE_URL.kind !== "pglite" || !live) return null;
  const started = performance.now();
  // 8545 is where wallets look for a development chain; when another app's chain holds it, take a free port (Hardhat's
  // server cannot be asked: its WebSocket side throws an uncaught EADDRINUSE).
  const port = (await portIsFree(8545)) ? 8545 : 0;
  const chain = await startLocalChain({ port, blockIntervalMs: 2_000 });
  try {
    const seeded = await seedLocalGovernance({ url: chain.url, live });
    console.log(
      `Local chain ${chain.chainId} at ${chain.url}: token ${seeded.deployment.token}, registry ${seeded.deployment.registry}, demo wallets delegated (${Math.round(performance.now() - started)} ms; set RPC_URL to use another chain)`,
    );
    return { chain, env: seeded.env };
  } catch (e) {
    await chain.close();
    throw e;
  }
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer()
      .once("error", () => resolve(false))
      .listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

let localChain: Awaited<ReturnType<typeof startLocalChainIfNeeded>>;
try {
  localChain = await startLocalChainIfNeeded();
} catch (e) {
  console.error(`Local chain not ready: ${(e as Error).message.replace(/\s*\n\s*/g, " ").trim()}`);
  process.exit(1);
}

// Node itself runs each child (not npx, whose chain of processes does not pass a signal on to its end), so a
// stop sent to this process alone (a container runtime, systemd, a supervisor) stops the server and the hub.
// The local hub and the app's snapshot blocks use the local chain too, so a vote is token-weighted end to end.
const hubOnChain = localChain && localHubWanted;
const hub = await startLocalHubIfNeeded(
  hubOnChain ? { url: localChain!.chain.url, token: localChain!.env.GOVERNANCE_TOKEN_ADDRESS! } : null,
);
const snapshotOnChain = hubOnChain
  ? { SNAPSHOT_RPC_URL: localChain!.chain.url, SNAPSHOT_NETWORK: String(LOCAL_CHAIN_ID) }
  : {};
// scripts/serve.ts: Next behind the step that decides the client's address and host (TRUST_PROXY).
const server = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts", ...(dev ? ["--dev"] : [])], {
  stdio: "inherit",
  env: {
    ...process.env,
    ...localChain?.env,
    ...snapshotOnChain,
    NODE_ENV: dev ? "development" : "production",
  },
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
