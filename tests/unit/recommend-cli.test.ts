import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));

function marginlab(...args: string[]) {
  const r = spawnSync(
    process.execPath,
    ["--single-threaded", "--import", "tsx", "simulations/cli/main.ts", ...args],
    { cwd: root, encoding: "utf8", timeout: 120_000 },
  );
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const dir = mkdtempSync(join(tmpdir(), "marginlab-recommend-"));
const file = (name: string, value: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof value === "string" ? value : JSON.stringify(value));
  return path;
};
const live = file("live.json", {});
const search = {
  fields: [{ path: "priceScanRange", min: 0.1, max: 0.6, step: 0.02 }],
  budget: { windowBadDebt: { max: { usd: 0 } } },
  evaluation: { accounts: 80, paths: 0, windows: ["2020-03-black-thursday"], volSpikes: null },
  effort: { design: 4, maxScreened: 8, keep: 1, finalists: 2 },
};

describe("marginlab recommend and verify", () => {
  it("writes a recommendation that verify re-runs to the same hash, and refuses an edited one", {
    timeout: 240_000,
  }, () => {
    const out = join(dir, "rec.json");
    const r = marginlab(
      "recommend",
      "--live",
      live,
      "--search",
      file("search.json", search),
      "--out",
      out,
      "--workers",
      "2",
    );
    expect(r.code, r.stderr).toBe(0);
    const rec = JSON.parse(readFileSync(out, "utf8"));
    expect(rec.kind).toBe("marginlab-recommendation");
    expect(r.stderr).toContain(rec.headline);
    expect(r.stderr).toContain(`recommendation ${rec.reportHash} written to ${out}`);

    const v = marginlab("verify", out);
    expect(v.stderr.split("\n").filter((l) => l.startsWith("marginlab"))).toEqual([]);
    expect(v.stdout.trim()).toBe(`verified ${rec.reportHash}`);

    rec.recommendation.values.priceScanRange = 0.12;
    const edited = file("edited.json", rec);
    const bad = marginlab("verify", edited);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/edited\.json: reportHash: does not match the report's content/);
  });

  it.each([
    [
      "an unknown field",
      { ...search, fields: [{ path: "priceScan", min: 0.1, max: 0.2 }] },
      /search-bad\.json: fields\[0\]\.path: unknown field "priceScan" of span-grid/,
    ],
    [
      "a range outside bounds",
      { ...search, fields: [{ path: "volShockDown", min: 0.1, max: 2 }] },
      /search-bad\.json: fields\[0\]\.max: 2 is outside the bounds of volShockDown \(at least 0, at most 1\)/,
    ],
    ["an empty budget", { ...search, budget: {} }, /search-bad\.json: budget: empty/],
  ])("names the file, field and reason for %s (exit 1, nothing written)", (_what, spec, message) => {
    const out = join(dir, "never.json");
    const r = marginlab("recommend", "--live", live, "--search", file("search-bad.json", spec), "--out", out);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(() => readFileSync(out)).toThrow();
  });

  it("names the live file for a bad live set, and rejects a bad --workers", () => {
    const r = marginlab(
      "recommend",
      "--live",
      file("live-bad.json", { mmFactor: 3 }),
      "--search",
      file("s.json", search),
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/live-bad\.json: mmFactor: /);
    const w = marginlab("recommend", "--live", live, "--search", file("s.json", search), "--workers", "0");
    expect(w.code).toBe(2);
    expect(w.stderr).toMatch(/--workers: must be a whole number in \[1, 64\]/);
  });
});
