// Bad input to the derive-pm2 model and its case reader: rejected with the field path and reason.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { EngineError } from "../../simulations/errors.ts";
import { runDeriveCaseCommand } from "../../simulations/models/derive-pm2/case-command.ts";
import { parseDeriveCase } from "../../simulations/models/derive-pm2/case-format.ts";
import type { DerivePm2Input } from "../../simulations/models/derive-pm2/input.ts";
import { computeDerivePm2Margin } from "../../simulations/models/derive-pm2/margin.ts";
import { derivePm2Defaults } from "../../simulations/models/derive-pm2/presets.ts";

const fixturePath = (name: string) =>
  fileURLToPath(new URL(`../fixtures/derive-pm2/${name}`, import.meta.url));
const fixture = (name: string) => JSON.parse(readFileSync(fixturePath(name), "utf8"));

function caught(f: () => unknown): EngineError {
  try {
    f();
  } catch (e) {
    if (e instanceof EngineError) return e;
    throw e;
  }
  throw new Error("expected an EngineError");
}

describe("derive case reader", () => {
  it("rejects a missing field with its path", () => {
    const doc = fixture("test_18_structures_OTM_call_spread.json");
    delete doc.Scenario.SpotPrice;
    const e = caught(() => parseDeriveCase(doc, "case.json"));
    expect(e.code).toBe("INVALID_INPUT");
    expect(e.path).toEqual(["Scenario", "SpotPrice"]);
    expect(e.message).toMatch(/^case\.json: Scenario\.SpotPrice: /);
  });

  it("rejects a non-numeric strike with its path and reason", () => {
    const doc = fixture("test_18_structures_OTM_call_spread.json");
    doc.Scenario.Options[1].Strike = "four thousand";
    const e = caught(() => parseDeriveCase(doc));
    expect(e.path).toEqual(["Scenario", "Options", 1, "Strike"]);
  });

  it("rejects an out-of-range confidence", () => {
    const doc = fixture("test_18_structures_OTM_call_spread.json");
    doc.Scenario.OptionFeeds[0].OptionVolConfidences = 1.5;
    const e = caught(() => parseDeriveCase(doc));
    expect(e.path).toEqual(["Scenario", "OptionFeeds", 0, "OptionVolConfidences"]);
  });

  it("rejects an option on an expiry without a feed instead of valuing it at zero", () => {
    const doc = fixture("test_18_structures_OTM_call_spread.json");
    doc.Scenario.Options[1].Expiry = 1_000_000;
    const e = caught(() => parseDeriveCase(doc));
    expect(e.path).toEqual(["Scenario", "Options", 1, "Expiry"]);
    expect(e.reason).toMatch(/no entry in Scenario\.OptionFeeds for expiry 1000000/);
  });

  it("rejects a result whose loss lists do not cover the scenarios", () => {
    const doc = fixture("test_18_structures_OTM_call_spread.json");
    doc.Result.tail_losses.pop();
    const e = caught(() => parseDeriveCase(doc));
    expect(e.path).toEqual(["Result"]);
  });
});

describe("derive-pm2 native input", () => {
  const base = (): DerivePm2Input =>
    parseDeriveCase(fixture("test_18_structures_OTM_call_spread.json")).input;

  it("rejects a position on an expiry without a feed", () => {
    const input = base();
    input.options[0]!.secToExpiry = 123;
    const e = caught(() => computeDerivePm2Margin(input, derivePm2Defaults));
    expect(e.code).toBe("INVALID_INPUT");
    expect(e.path).toEqual(["options", 0, "secToExpiry"]);
    expect(e.reason).toMatch(/no feed for expiry 123/);
  });

  it("rejects the same position even when validation is skipped", () => {
    const input = base();
    input.options[0]!.secToExpiry = 123;
    const e = caught(() => computeDerivePm2Margin(input, derivePm2Defaults, { trusted: true }));
    expect(e.path).toEqual(["options", 0, "secToExpiry"]);
  });

  it("rejects duplicate feeds, negative strikes and bad SVI parameters with their paths", () => {
    const dup = base();
    dup.feeds.push({ ...dup.feeds[0]! });
    expect(caught(() => computeDerivePm2Margin(dup, derivePm2Defaults)).path).toEqual([
      "feeds",
      1,
      "secToExpiry",
    ]);

    const neg = base();
    neg.options[0]!.strike = -1;
    expect(caught(() => computeDerivePm2Margin(neg, derivePm2Defaults)).path).toEqual([
      "options",
      0,
      "strike",
    ]);

    const svi = base();
    svi.feeds[0]!.svi.rho = 1.2;
    expect(caught(() => computeDerivePm2Margin(svi, derivePm2Defaults)).path).toEqual([
      "feeds",
      0,
      "svi",
      "rho",
    ]);
  });
});

describe("runDeriveCaseCommand", () => {
  const file = fixturePath("test_35_tails_general_tail_test.json");

  it("prints one JSON object with exactly the five published keys, in the case's sign convention", () => {
    const out = JSON.parse(runDeriveCaseCommand(file, { json: true }));
    expect(Object.keys(out)).toEqual(["MM", "IM", "worst_reg_loss", "worst_tail_loss", "worst_skew_loss"]);
    const expected = fixture("test_35_tails_general_tail_test.json").Result;
    for (const key of Object.keys(out)) {
      // 1e-6 relative: the acceptance tolerance.
      expect(Math.abs(out[key] - expected[key]) / Math.abs(expected[key])).toBeLessThan(1e-6);
    }
  });

  it("prints MM, IM, worst losses and every scenario next to the expected values", () => {
    const out = runDeriveCaseCommand(file, { json: false });
    expect(out).toMatch(/^MM +-7152\.948464247\d* +-7152\.948464247\d*/m);
    expect(out).toMatch(/worst tail loss/);
    expect(out).toMatch(/^ {2}0 regular +1\.1800 Up/m);
    expect(out).toMatch(/^ 29 skew +1\.0000 Abs/m);
    expect(out).toMatch(/published components agree within 1e-6/);
  });

  it("reports unreadable and malformed files as engine errors naming the file", () => {
    const dir = mkdtempSync(join(tmpdir(), "derive-case-"));
    const broken = join(dir, "broken.json");
    writeFileSync(broken, "{ not json");
    expect(caught(() => runDeriveCaseCommand(broken, { json: true })).code).toBe("INVALID_JSON");
    expect(caught(() => runDeriveCaseCommand(join(dir, "missing.json"), { json: true })).source).toBe(
      join(dir, "missing.json"),
    );
  });
});
