// `npm run snapshot:local` (also what `npm start` runs): its demo space votes for minutes, configurable, so a demo
// vote closes by itself; the space's period is what the hub's GraphQL API reports and the app submits with.
import { type ChildProcess, spawn } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { hubQuery } from "../support/snapshot.ts";

const started: ChildProcess[] = [];
afterEach(() => {
  for (const p of started.splice(0)) p.kill("SIGTERM");
});

/** Starts the hub in memory on a free port; resolves with its URL and the line it prints when ready. */
function startHub(env: Record<string, string>, args: string[] = []) {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "scripts/snapshot-hub/main.ts", "--memory", "--port", "0", ...args],
    { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] },
  );
  started.push(child);
  return new Promise<{ url: string; line: string }>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d) => {
      out += String(d);
      const m = / at (http:\/\/[\w.]+:\d+):/.exec(out);
      if (m?.[1] && out.includes("\n")) resolve({ url: m[1], line: out.trim() });
    });
    child.stderr.on("data", (d) => {
      out += String(d);
    });
    child.on("exit", (code) => reject(new Error(`hub exited with ${code}: ${out}`)));
  });
}

const periodOf = async (url: string) =>
  (
    await hubQuery<{ space: { voting: { period: number } } }>(
      url,
      'query { space(id: "marginlab.eth") { voting { period } } }',
    )
  ).space.voting.period;

describe("the local Snapshot hub's voting period", () => {
  it("is 5 minutes on the demo space by default", async () => {
    const hub = await startHub({ SNAPSHOT_LOCAL_VOTING_PERIOD: "" });
    expect(hub.line).toContain("Voting period 300 s");
    expect(await periodOf(hub.url)).toBe(300);
  }, 30_000);

  it("is set by SNAPSHOT_LOCAL_VOTING_PERIOD, and --voting-period wins over it", async () => {
    const fromEnv = await startHub({ SNAPSHOT_LOCAL_VOTING_PERIOD: "120" });
    expect(await periodOf(fromEnv.url)).toBe(120);
    const fromFlag = await startHub({ SNAPSHOT_LOCAL_VOTING_PERIOD: "120" }, ["--voting-period", "45"]);
    expect(await periodOf(fromFlag.url)).toBe(45);
  }, 30_000);

  it("refuses a period that is not a whole number of seconds, naming the option", async () => {
    await expect(startHub({ SNAPSHOT_LOCAL_VOTING_PERIOD: "5m" })).rejects.toThrow(
      /--voting-period must be a whole number >= 1, not "5m"/,
    );
  }, 30_000);
});
