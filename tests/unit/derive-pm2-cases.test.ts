// Derive's 139 published PM2 portfolio cases (tests/fixtures/derive-pm2, see SOURCE.md there):
// one test per file, MM and IM within 1e-6 relative (the acceptance tolerance; Derive's own
// harness holds its contract to 1e-8). On failure the message lists every component that diverged.
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { EngineError } from "../../simulations/errors.ts";
import { compareDeriveCase, describeMismatches } from "../../simulations/models/derive-pm2/case-compare.ts";
import { parseDeriveCase } from "../../simulations/models/derive-pm2/case-format.ts";
import { computeDerivePm2Margin } from "../../simulations/models/derive-pm2/margin.ts";

const dir = fileURLToPath(new URL("../fixtures/derive-pm2/", import.meta.url));
const caseNumber = (f: string) => Number(f.split("_")[1]);
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .sort((a, b) => caseNumber(a) - caseNumber(b));

/**
 * Case 67 gives a Linear skew scenario a spot shock of 1.18 and dampening 5. Derive's contract
 * rejects that (PMRM_2.setScenarios requires skew scenarios at spot 1) and Derive's harness skips the
 * case as an "invalid param setup", so our schema rejects it too.
 */
const INVALID_BY_DESIGN = "test_67_misc_skew_scenario_with_spot_move.json";

const load = (f: string) => JSON.parse(readFileSync(dir + f, "utf8")) as Record<string, unknown>;

describe("Derive PM2 published cases", () => {
  it("has all 139 case files", () => {
    expect(files).toHaveLength(139);
  });

  for (const file of files) {
    if (file === INVALID_BY_DESIGN) {
      it(`${file}: rejected like Derive's contract rejects it (skew scenario with a spot move)`, () => {
        let err: unknown;
        try {
          parseDeriveCase(load(file), file);
        } catch (e) {
          err = e;
        }
        expect(err).toBeInstanceOf(EngineError);
        const e = err as EngineError;
        expect(e.code).toBe("INVALID_PARAMS");
        expect(e.path).toEqual(["Parameters", "Scenarios", 30, "SpotShock"]);
        expect(e.reason).toMatch(/skew scenarios must have spot shock 1/);
      });
      continue;
    }

    it(`${file}: MM and IM within 1e-6`, () => {
      const c = parseDeriveCase(load(file), file);
      const r = computeDerivePm2Margin(c.input, c.params);
      const expected = c.expected;
      if (!expected) throw new Error(`${file} has no Result section`);
      const cmp = compareDeriveCase(r, expected, c.input);
      const detail = `${file}\n${describeMismatches(cmp)}`;
      expect(cmp.mmOk, `MM ${r.mm} vs ${expected.mm}\n${detail}`).toBe(true);
      expect(cmp.imOk, `IM ${r.im} vs ${expected.im}\n${detail}`).toBe(true);
      // Every published scenario loss, worst loss, contingency, static discount and MtM agrees too.
      expect(cmp.mismatches, detail).toEqual([]);
    });
  }

  it("case 67 MM and IM still agree once its invalid scenario is made legal (the skew loss does not bind)", () => {
    const raw = load(INVALID_BY_DESIGN) as { Parameters: { Scenarios: Array<Record<string, unknown>> } };
    const row = raw.Parameters.Scenarios[30]!;
    row.SpotShock = 1;
    row.DampeningFactor = 1;
    const c = parseDeriveCase(raw, INVALID_BY_DESIGN);
    const r = computeDerivePm2Margin(c.input, c.params);
    const cmp = compareDeriveCase(r, c.expected!, c.input);
    expect(cmp.mmOk && cmp.imOk, describeMismatches(cmp)).toBe(true);
    // What does differ is exactly the changed scenario (and the worst skew loss it sets).
    expect(cmp.mismatches.map((m) => m.component)).toEqual([
      "worst skew loss",
      "scenario 30 (skew, spot x1, vol Linear)",
    ]);
  });
});
