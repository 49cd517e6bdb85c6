import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = new URL("../../", import.meta.url).pathname;
const tsx = join(root, "node_modules/.bin/tsx");
const cli = (args: string[]) =>
  run(tsx, ["simulations/cli/main.ts", ...args], { cwd: root, timeout: 120_000 }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({
      code: e.code,
      stdout: e.stdout,
      stderr: e.stderr,
    }),
  );

describe("marginlab simulate / verify", () => {
  const dir = mkdtempSync(join(tmpdir(), "marginlab-sim-"));
  const live = join(dir, "live.json");
  const proposed = join(dir, "proposed.json");
  writeFileSync(live, "{}");
  writeFileSync(proposed, JSON.stringify({ priceScanRange: 0.2, volShockUp: 0.4 }));

  it("writes a report that verify re-runs to the same hash, from worker threads in a tsx process", async () => {
    const out = join(dir, "report.json");
    const sim = await cli([
      "simulate",
      "--live",
      live,
      "--proposed",
      proposed,
      "--accounts",
      "80",
      "--paths",
      "2",
      "--horizon-days",
      "5",
      "--windows",
      "2022-11-ftx",
      "--seed",
      "9",
      "--threads",
      "2",
      "--out",
      out,
    ]);
    expect(sim.stderr).toMatch(/report [0-9a-f]{64} written/);
    expect(sim.code).toBe(0);
    const report = JSON.parse(readFileSync(out, "utf8"));
    expect(Object.keys(report.results.live.windows)).toEqual(["2022-11-ftx", "monte-carlo", "vol-spikes"]);
    expect(report.parameterSets.proposed.priceScanRange).toBe(0.2);
    expect(report.parameterSets.proposed.mmFactor).toBe(0.8); // merged onto the defaults
    const ok = await cli(["verify", out, "--threads", "1"]);
    expect(ok.code).toBe(0);
    expect(ok.stdout.trim()).toBe(`verified ${report.reportHash}`);

    // A tampered number fails the integrity check before any re-run.
    report.results.live.accountsInsolvent += 1;
    const tampered = join(dir, "tampered.json");
    writeFileSync(tampered, JSON.stringify(report));
    const bad = await cli(["verify", tampered]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/tampered\.json: reportHash: does not match the report's content/);
  }, 120_000);

  it("names the file, field and reason of bad input in one line, with a non-zero exit", async () => {
    const badSet = join(dir, "bad.json");
    writeFileSync(badSet, JSON.stringify({ mmFactor: 1.5 }));
    const a = await cli(["simulate", "--live", badSet, "--proposed", proposed]);
    expect(a.code).toBe(1);
    expect(a.stderr.trim()).toBe(`marginlab: ${badSet}: mmFactor: must be greater than 0, at most 1`);

    const b = await cli(["simulate", "--live", live, "--proposed", proposed, "--windows", "2019-nope"]);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/--windows: unknown window "2019-nope"/);

    const csv = join(dir, "pop.csv");
    writeFileSync(
      csv,
      "account,archetype,buffer,type,underlying,kind,moneyness,expiry_days,notional_usd,delta_hedge\nx,hedger,1.5,option,BTC,put,0.9,-3,1000,\n",
    );
    const c = await cli(["simulate", "--live", live, "--proposed", proposed, "--population", csv]);
    expect(c.code).toBe(1);
    expect(c.stderr.trim()).toBe(`marginlab: ${csv}: row 2 (account "x"): expiry_days: must be > 0 days`);
    expect(c.stderr.split("\n").filter(Boolean)).toHaveLength(1);
  }, 120_000);
});
