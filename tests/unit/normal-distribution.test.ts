import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { erfc, normalCdf, normalQuantile } from "../../simulations/stats/normal-distribution.ts";

// Reference values from SciPy 1.17 (scipy.special.erfc, scipy.stats.norm), printed with repr().
describe("normal distribution", () => {
  it("erfc matches reference values to 1e-15 relative", () => {
    const cases: Array<[number, number]> = [
      [0.3, 0.6713732405408726],
      [-1.7, 1.9837904585907746],
      [5.5, 7.357847917974398e-15],
      [0.46875, 0.507386526782062],
    ];
    for (const [x, want] of cases) expect(Math.abs(erfc(x) / want - 1)).toBeLessThan(1e-15 * 4);
  });

  it("normalCdf keeps relative accuracy deep in the tail", () => {
    // Rounding x / sqrt(2) (relative 1.1e-16) changes Phi(x) by a relative x^2 * 1.1e-16 in the tail, the
    // problem's own conditioning; the tolerance is twice that.
    const tol = (x: number) => 2.2e-16 * Math.max(1, x * x) * 2;
    expect(Math.abs(normalCdf(-30) / 4.906713927147908e-198 - 1)).toBeLessThan(tol(30));
    expect(Math.abs(normalCdf(-8) / 6.22096057427174e-16 - 1)).toBeLessThan(tol(8));
    expect(normalCdf(1.5)).toBeCloseTo(0.9331927987311419, 15);
    expect(normalCdf(0.1)).toBeCloseTo(0.539827837277029, 15);
    expect(normalCdf(0)).toBe(0.5);
  });

  it("normalQuantile (AS241) matches reference values", () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 14);
    expect(normalQuantile(0.3)).toBeCloseTo(-0.5244005127080409, 14);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 13);
    expect(normalQuantile(1e-300)).toBeCloseTo(-37.0470962993612, 11);
    expect(normalQuantile(0.999999)).toBeCloseTo(4.753424308817087, 12);
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(Number.isNaN(normalQuantile(1.5))).toBe(true);
  });

  it("quantile inverts the CDF", () => {
    fc.assert(
      // Above x = 5 the CDF is within 3e-7 of 1, where doubles are 1.1e-16 apart, so x cannot be
      // recovered to better than 1.1e-16 / pdf(x) (7e-11 at x = 5); 1e-9 leaves margin for that.
      fc.property(fc.double({ min: -8, max: 5, noNaN: true }), (x) => {
        expect(Math.abs(normalQuantile(normalCdf(x)) - x)).toBeLessThan(1e-9);
      }),
    );
  });
});
