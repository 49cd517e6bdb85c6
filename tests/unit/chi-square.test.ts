import { describe, expect, it } from "vitest";
import { chiSquareSurvival, logGamma, regularizedGammaQ } from "../../simulations/stats/chi-square.ts";

// Reference values: scipy.stats.chi2.sf (SciPy 1.17).
describe("chiSquareSurvival", () => {
  it("matches reference values for 1, 2, 3, 5 and 10 degrees of freedom", () => {
    const cases: Array<[number, number, number]> = [
      [3.2, 1, 0.07363827012030258],
      [2.5, 2, 0.2865047968601901],
      [7.5, 3, 0.0575584519726364],
      [0.4, 5, 0.9953295932358704],
      [40, 10, 1.694474393006737e-5],
    ];
    // 1e-12 relative: series / continued fraction converge to ~1e-15; Lanczos lnGamma adds ~1e-15.
    for (const [x, dof, want] of cases)
      expect(Math.abs(chiSquareSurvival({ x, dof }) / want - 1)).toBeLessThan(1e-12);
  });

  it("the general incomplete gamma agrees with the closed forms for 1 and 2 dof", () => {
    for (const x of [0.01, 0.5, 1, 3.84, 10, 30]) {
      expect(Math.abs(regularizedGammaQ(0.5, x / 2) / chiSquareSurvival({ x, dof: 1 }) - 1)).toBeLessThan(
        1e-12,
      );
      expect(Math.abs(regularizedGammaQ(1, x / 2) / Math.exp(-x / 2) - 1)).toBeLessThan(1e-12);
    }
  });

  it("logGamma matches factorials", () => {
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expect(logGamma(11)).toBeCloseTo(Math.log(3628800), 12);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
  });

  it("is 1 at x <= 0 and rejects a bad dof", () => {
    expect(chiSquareSurvival({ x: 0, dof: 3 })).toBe(1);
    expect(() => chiSquareSurvival({ x: 1, dof: 0 })).toThrow(/degrees of freedom/);
  });
});
