// Fault: the app process is killed (SIGKILL, as a crash or an OOM kill would) in the middle of a simulation run on
// the embedded database. After a restart the run resumes and finishes, and nothing half-written is left.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, signInOverHttp, startApp } from "../support/app-process.ts";
import { alice } from "../support/wallets.ts";

const dataDir = mkdtempSync(join(tmpdir(), "marginlab-fault-"));
let app: Awaited<ReturnType<typeof startApp>> | undefined;
afterAll(async () => {
  await app?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function until<T>(
  read: () => Promise<T>,
  ok: (v: T) => boolean,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v).slice(0, 300)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe("a crash during a simulation run", () => {
  // The waits below are generous for a loaded CI machine; the test's own limit covers both.
  it("resumes the run after a restart and stores exactly one report", { timeout: 660_000 }, async () => {
    const port = await freePort();
    const env = {
      DATABASE_URL: `pglite:${join(dataDir, "pglite")}`,
      // A run long enough to be caught in the middle.
      RUN_DEFAULT_ACCOUNTS: "3000",
      RUN_DEFAULT_PATHS: "60",
      SNAPSHOT_HUB_URL: "http://127.0.0.1:9", // no hub needed here
    };
    app = await startApp({ port, env });
    const member = await signInOverHttp(app.base, alice);
    const draft = await member.api.proposals.createDraft.mutate({
      title: "Crash test: scan range 16%",
      rationale: "A proposal whose run is interrupted by a crash.",
      changes: { priceScanRange: 0.16 },
    });
    const { runId } = await member.api.proposals.publish.mutate({ proposalId: draft.id });
    const midway = await until(
      () => member.api.runs.get.query({ runId }),
      (r) => r.status === "running" && r.progress > 0.02,
      180_000,
      "the run to be under way",
    );
    expect(midway.status).toBe("running");

    await app.stop("SIGKILL");
    app = await startApp({ port, env });

    const reader = await signInOverHttp(app.base, alice);
    const done = await until(
      () => reader.api.runs.get.query({ runId }),
      (r) => r.status === "succeeded" || r.status === "failed",
      420_000,
      "the resumed run to finish",
    );
    expect(done).toMatchObject({ status: "succeeded", attempts: 2, error: null });
    const page = await reader.api.proposals.get.query({ number: draft.number });
    expect(page.report?.reportHash).toMatch(/^[0-9a-f]{64}$/);
    expect(page.runs.filter((r) => r.status === "succeeded")).toHaveLength(1);
  });
});
