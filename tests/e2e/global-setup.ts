// Starts the production build the way a user does (`npm start` -> scripts/start.ts) on a free port with its own
// embedded database folder, waits until /api/health answers, and stops it after the e2e suite.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { startSnapshotHub } from "../../scripts/snapshot-hub/hub.ts";
import { defaultSpace } from "../../scripts/snapshot-hub/space.ts";
import { type Chromium, findChromium } from "../support/chromium.ts";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    /** The local Snapshot hub the app submits to. */
    snapshotHubUrl: string;
    /** The browser every e2e test drives (tests/support/chromium.ts). */
    chromium: Chromium;
  }
}

/** Long enough for the snapshot flow's two members to vote from their pages, short enough to wait for the end. */
const E2E_VOTING_PERIOD_S = 75;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      srv.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

async function waitForHealth(url: string, server: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited with code ${server.exitCode}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the server did not become healthy within ${timeoutMs} ms`);
}

export default async function setup(project: TestProject) {
  // Before the app: a machine without a usable browser fails here, in one line, not in every test.
  const chromium = await findChromium();
  console.log(`e2e browser: ${chromium.description}`);
  const dataDir = mkdtempSync(join(tmpdir(), "marginlab-e2e-"));
  const port = await freePort();
  // The local Snapshot hub (sequencer, GraphQL, chain head), so the vote runs offline like the rest.
  const hub = await startSnapshotHub({
    // A short voting period, as on the local demo space: the snapshot flow's vote closes by itself.
    spaces: [
      defaultSpace({ voting: { delay: 0, period: E2E_VOTING_PERIOD_S, type: "single-choice", quorum: 2 } }),
    ],
    dataFile: join(dataDir, "snapshot-hub.json"),
    devControls: true,
  });
  const server = spawn("npx", ["tsx", "scripts/start.ts"], {
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: `pglite:${join(dataDir, "pglite")}`,
      NODE_ENV: "production",
      SNAPSHOT_HUB_URL: hub.url,
      SNAPSHOT_SEQUENCER_URL: "",
      SNAPSHOT_RPC_URL: "",
      SNAPSHOT_SPACE: "marginlab.eth",
      SNAPSHOT_NETWORK: "1",
      SNAPSHOT_SYNC_SECONDS: "2",
      // These flows sign with test keys that hold no governance tokens: governance stays off-chain here.
      LOCAL_CHAIN: "off",
      // The governance flow test (governance-flow.test.ts): its steward gets the role at sign-in, two endorsements
      // back a proposal, and runs stay small so a publish finishes in well under a minute.
      STEWARD_ADDRESSES: "0x90F79bf6EB2c4f870365E785982E1f101E93b906",
      BACKING_ENDORSEMENTS: "2",
      RUN_DEFAULT_ACCOUNTS: "20",
      RUN_DEFAULT_PATHS: "2",
    },
    stdio: ["ignore", "inherit", "inherit"],
    detached: true, // its own process group, so teardown stops next too
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    // `npm start` builds first when the sources are newer than the build, and seeds demo reports on a fresh database.
    await waitForHealth(baseUrl, server, 300_000);
  } catch (e) {
    if (server.pid) process.kill(-server.pid, "SIGTERM");
    await hub.close();
    throw e;
  }
  project.provide("baseUrl", baseUrl);
  project.provide("snapshotHubUrl", hub.url);
  project.provide("chromium", chromium);
  return async () => {
    if (server.pid) {
      try {
        process.kill(-server.pid, "SIGTERM");
      } catch {}
    }
    await new Promise((r) => setTimeout(r, 500));
    await hub.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
