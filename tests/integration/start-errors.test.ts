import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

function start(env: Record<string, string>) {
  const run = spawnSync("npx", ["tsx", "scripts/start.ts"], {
    env: { ...process.env, ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: run.status, stderr: run.stderr.trim(), stdout: run.stdout };
}

describe("npm start refuses a bad configuration with one clear line", () => {
  it("names DATABASE_URL and the reason for an unsupported scheme", () => {
    const run = start({ DATABASE_URL: "mysql://root@127.0.0.1/db" });
    expect(run.status).toBe(1);
    expect(run.stderr.split("\n")).toEqual([
      'Invalid environment variable DATABASE_URL: unsupported scheme "mysql": use pglite:<dir> (embedded) or postgresql://... (leave unset for the default .data/pglite)',
    ]);
  });

  it("names PORT when it is not a port", () => {
    const run = start({ PORT: "http" });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^Invalid environment variable PORT: /);
    expect(run.stderr.split("\n")).toHaveLength(1);
  });

  it("says the database is not ready when PostgreSQL cannot be reached", () => {
    const run = start({ DATABASE_URL: "postgresql://postgres@127.0.0.1:1/nothing" });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^Database not ready: .*(reach|ECONNREFUSED)/);
    expect(run.stderr.split("\n")).toHaveLength(1);
  });
});

describe("npm run worker says an unreachable database in one line, as npm start does", () => {
  it("names the reason, without the driver's stack", () => {
    const run = spawnSync("npx", ["tsx", "server/jobs/worker.ts"], {
      env: { ...process.env, DATABASE_URL: "postgresql://postgres@127.0.0.1:1/nothing" },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split("\n")).toEqual(["Database not ready: connect ECONNREFUSED 127.0.0.1:1"]);
  });
});
