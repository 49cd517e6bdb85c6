// `npm start` under a supervisor: a stop signal sent to the start process alone (as a container runtime or systemd
// sends it) must stop the Next server and the local Snapshot hub it started, not leave them running orphaned.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { get } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../support/app-process.ts";

const HUB = "http://127.0.0.1:3100"; // where `npm start` runs its hub when SNAPSHOT_HUB_URL is unset
const dataDir = mkdtempSync(join(tmpdir(), "marginlab-start-"));
let child: ChildProcess | undefined;
afterAll(() => {
  if (child?.pid && child.exitCode === null) process.kill(-child.pid, "SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
});

/** One request on a connection of its own: a kept-alive connection would keep a stopping server busy. */
const answers = (url: string) =>
  new Promise<boolean>((resolve) => {
    const req = get(url, { agent: false, timeout: 2_000 }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on("error", () => resolve(false));
    req.on("timeout", () => req.destroy());
  });

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe("npm start", () => {
  it("stops the server and the local hub when only the start process is told to stop", {
    timeout: 300_000,
  }, async () => {
    expect(await answers(HUB), `something already answers on ${HUB}`).toBe(false);
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      DATABASE_URL: `pglite:${join(dataDir, "pglite")}`,
    };
    delete env.SNAPSHOT_HUB_URL;
    // The start script itself (not npm or npx in front of it), in a group of its own so the test can clean up.
    child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
      env,
      stdio: ["ignore", "ignore", "inherit"],
      detached: true,
    });
    const app = `http://127.0.0.1:${port}/api/health`;
    await until(() => answers(app), 240_000, "the app to answer");
    expect(await answers(HUB)).toBe(true);

    process.kill(child.pid!, "SIGTERM");
    await until(
      async () => !(await answers(app)) && !(await answers(HUB)),
      20_000,
      "the server and hub to stop",
    );
    await until(async () => child?.exitCode !== null, 10_000, "the start process to exit");
  });
});
