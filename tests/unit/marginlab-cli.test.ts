import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  MAX_PORTFOLIO_FILE_BYTES,
  MAX_POSITIONS,
  parsePortfolio,
} from "../../simulations/input/portfolio.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const fx = "tests/fixtures/engine";

/** Run `marginlab` as the npm script does (node --single-threaded --import tsx simulations/cli/main.ts), from the repository root. */
function marginlab(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(
    process.execPath,
    ["--single-threaded", "--import", "tsx", "simulations/cli/main.ts", ...args],
    {
      cwd: root,
      encoding: "utf8",
      timeout: 60_000,
    },
  );
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const margin = (portfolio: string, ...rest: string[]) =>
  marginlab("margin", "--market", `${fx}/market.json`, "--portfolio", portfolio, ...rest);

describe("marginlab margin (JSON contract)", () => {
  it("prints one JSON object with the contract's fields, and no NaN", { timeout: 60_000 }, () => {
    const r = margin(`${fx}/portfolio-short-strangle.json`, "--params", `${fx}/params-deribit-like.json`);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/NaN|Infinity/);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(
      expect.arrayContaining([
        "positions",
        "greeks",
        "scenarioLosses",
        "worstLoss",
        "worstScenario",
        "portfolioMargin",
        "standardMargin",
        "var",
        "es",
      ]),
    );
    expect(Object.keys(out.positions[0])).toEqual([
      "instrument",
      "qty",
      "price",
      "delta",
      "gamma",
      "vega",
      "theta",
    ]);
    expect(out.positions[3].instrument).toBe("ETH-27SEP24-4000-C");
    expect(Object.keys(out.greeks)).toEqual(["BTC", "ETH"]);
    expect(Object.keys(out.greeks.BTC)).toEqual(["delta", "gamma", "vega", "theta"]);
    expect(out.scenarioLosses[0]).toMatchObject({ priceShock: -0.16, volShock: -0.3 });
    expect(typeof out.worstLoss).toBe("number");
    expect(out.worstScenario).toHaveProperty("priceShock");
    expect(out.worstScenario).toHaveProperty("volShock");
    expect(out.portfolioMargin).toHaveProperty("components");
    expect(out.portfolioMargin.initial).toBeGreaterThan(out.worstLoss);
    expect(Object.keys(out.standardMargin)).toEqual(["initial", "maintenance"]);
    // VaR/ES from real history ending the day before the snapshot
    expect(out.var.to).toBe("2024-05-31");
    expect(out.var.historical).toBeGreaterThan(0);
    expect(out.es.filtered).toBeGreaterThanOrEqual(out.var.filtered);
  });

  it("a VaR/ES add-on from the parameter set enters the margin", { timeout: 60_000 }, () => {
    const r = margin(
      `${fx}/portfolio-btc-collateral-short-put.json`,
      "--params",
      `${fx}/params-var-addon.json`,
    );
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.var).toMatchObject({ horizonDays: 2, lookbackDays: 1000, observations: 999 });
    expect(out.portfolioMargin.components.riskAddOn).toBeCloseTo(out.es.filtered, 9);
    expect(out.portfolioMargin.initial).toBeGreaterThan(out.worstLoss + out.es.filtered);
  });

  it("an offsetting pair prints zero worst loss and zero margin", { timeout: 60_000 }, () => {
    const out = JSON.parse(margin(`${fx}/portfolio-offsetting.json`).stdout);
    expect(out.worstLoss).toBe(0);
    expect(out.portfolioMargin.initial).toBe(0);
  });

  it("--format table prints a readable report", { timeout: 60_000 }, () => {
    const r = margin(`${fx}/portfolio-butterfly.json`, "--format", "table");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Margin report \(span-grid\) as of 2024-06-01T08:00:00Z/);
    expect(r.stdout).toMatch(/portfolio initial/);
    expect(r.stdout).toMatch(/standard initial/);
    expect(r.stdout).toMatch(/BTC-28JUN24-67000-C/);
  });

  it("--help lists the commands; margin --help lists the options", { timeout: 60_000 }, () => {
    const top = marginlab("--help");
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/Usage: marginlab/);
    expect(top.stdout).toMatch(/margin \[options\]/);
    const sub = marginlab("margin", "--help");
    expect(sub.stdout).toMatch(/--market <file>/);
    expect(sub.stdout).toMatch(/--format <format>/);
  });
});

describe("marginlab margin: bad input is one line naming file, field and reason", () => {
  const bad = `${fx}/bad`;
  it.each([
    [
      ["--market", `${bad}/market-trailing-comma.json`],
      `${bad}/market-trailing-comma.json: malformed JSON at line 4, column 42: unexpected character "}", expected a property name in double quotes`,
    ],
    [
      ["--market", `${bad}/market-nan.json`],
      `${bad}/market-nan.json: malformed JSON at line 1, column 66: unexpected character "N", expected a value`,
    ],
    [
      ["--market", `${bad}/market-negative-spot.json`],
      `${bad}/market-negative-spot.json: underlyings.BTC.spot: spot must be > 0`,
    ],
    [
      ["--market", `${bad}/market-negative-vol.json`],
      `${bad}/market-negative-vol.json: underlyings.BTC.vol: vol must be >= 0`,
    ],
    [
      ["--market", `${bad}/market-infinite-vol.json`],
      `${bad}/market-infinite-vol.json: underlyings.BTC.vol: vol must be a finite number`,
    ],
    [
      ["--portfolio", `${bad}/portfolio-unknown-format.json`],
      `${bad}/portfolio-unknown-format.json: positions[0].instrument: unknown instrument format "BTC-28JUN24-60000-X"`,
    ],
    [
      ["--portfolio", `${bad}/portfolio-expired.json`],
      `${bad}/portfolio-expired.json: positions[0].instrument: BTC-28MAY24-60000-C expired at 2024-05-28T08:00:00.000Z, before the market asOf`,
    ],
    [
      ["--portfolio", `${bad}/portfolio-missing-underlying.json`],
      `${bad}/portfolio-missing-underlying.json: positions[0].instrument: underlying SOL is not in the market snapshot`,
    ],
    [
      ["--portfolio", `${bad}/portfolio-string-qty.json`],
      `${bad}/portfolio-string-qty.json: positions[0].qty: qty must be a finite number`,
    ],
    [
      ["--params", `${bad}/params-out-of-bounds.json`],
      `${bad}/params-out-of-bounds.json: priceScanRange: must be greater than 0, at most 1`,
    ],
    [
      ["--params", `${bad}/params-unknown-field.json`],
      `${bad}/params-unknown-field.json: volShokUp: unknown field`,
    ],
    [
      ["--params", `${bad}/params-mm-factor.json`],
      `${bad}/params-mm-factor.json: mmFactor: must be greater than 0, at most 1`,
    ],
    [["--market", `${bad}/does-not-exist.json`], `${bad}/does-not-exist.json: file not found`],
  ])("%j", { timeout: 60_000 }, (override, expected) => {
    const opts: Record<string, string> = {
      "--market": `${fx}/market.json`,
      "--portfolio": `${fx}/portfolio-short-strangle.json`,
    };
    opts[override[0]!] = override[1]!;
    const r = marginlab("margin", ...Object.entries(opts).flat());
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe("");
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]!.startsWith(`marginlab: ${expected}`)).toBe(true);
    expect(r.stderr).not.toMatch(/\n\s+at |NaN/);
  });

  it("a missing required option or unknown command is a one-line usage error", { timeout: 60_000 }, () => {
    const r = marginlab("margin", "--market", `${fx}/market.json`);
    expect(r.code).toBe(2);
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^marginlab.*--portfolio/);
    expect(marginlab("frobnicate").stderr.trimEnd().split("\n")).toHaveLength(1);
  });
});

describe("marginlab input limits", () => {
  const dir = mkdtempSync(join(tmpdir(), "marginlab-limits-"));

  it("refuses a portfolio of more than MAX_POSITIONS positions, naming the field and the count", () => {
    const file = join(dir, "many.json");
    const position = { instrument: "BTC-PERP", qty: 1 };
    writeFileSync(
      file,
      JSON.stringify({ collateral: 1e6, positions: Array(MAX_POSITIONS + 1).fill(position) }),
    );
    const r = margin(file);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(
      `marginlab: ${file}: positions: at most ${MAX_POSITIONS} positions (this file has ${MAX_POSITIONS + 1})`,
    );
    // At the limit it is a portfolio like any other.
    const atLimit = parsePortfolio({ collateral: 1e6, positions: Array(MAX_POSITIONS).fill(position) });
    expect(atLimit.positions).toHaveLength(MAX_POSITIONS);
  });

  it("refuses a portfolio file over its size limit before reading it", () => {
    const file = join(dir, "big.json");
    writeFileSync(file, `{"collateral":1,"positions":[],"pad":"${"x".repeat(MAX_PORTFOLIO_FILE_BYTES)}"}`);
    const r = margin(file);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(
      `marginlab: ${file}: the file is 4.0 MiB; a portfolio file may be at most 4.0 MiB`,
    );
  });

  it("names the field of a wrong-shaped --population file", { timeout: 60_000 }, () => {
    const live = join(dir, "live.json");
    writeFileSync(live, "{}");
    const shapes: [unknown, string][] = [
      [{ accts: [] }, "accounts: must be an array of accounts"],
      [{ accounts: { a: 1 } }, "accounts: must be an array of accounts"],
      ["accounts", '(root): must be {"accounts": [...]} or an array of accounts'],
      [[{ buffer: 2, positions: "x" }], "accounts[0].positions: must be an array"],
    ];
    for (const [shape, message] of shapes) {
      const file = join(dir, "population.json");
      writeFileSync(file, JSON.stringify(shape));
      const r = marginlab("simulate", "--live", live, "--proposed", live, "--population", file);
      expect(r.code).toBe(1);
      expect(r.stderr.trim()).toBe(`marginlab: ${file}: ${message}`);
    }
  });
});
