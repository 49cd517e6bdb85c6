import { describe, expect, it } from "vitest";
import { cholesky } from "../../simulations/stats/cholesky.ts";
import { correlation, linearRegression, moments } from "../../simulations/stats/descriptive.ts";

describe("cholesky", () => {
  it("factors a correlation matrix so that L L^T gives it back", () => {
    const a = [
      [1, 0.8, 0.3],
      [0.8, 1, 0.5],
      [0.3, 0.5, 1],
    ];
    const L = cholesky(a);
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        let s = 0;
        for (let k = 0; k < 3; k++) s += L[i]![k]! * L[j]![k]!;
        expect(s).toBeCloseTo(a[i]![j]!, 14); // rounding only
      }
    }
    expect(L[0]![1]).toBe(0);
  });

  it("rejects a matrix that is not positive definite", () => {
    expect(() =>
      cholesky([
        [1, 0.9, -0.9],
        [0.9, 1, 0.9],
        [-0.9, 0.9, 1],
      ]),
    ).toThrow(/not positive definite \(pivot 2/);
  });
});

describe("descriptive statistics", () => {
  it("computes moments, correlation and least squares exactly on small data", () => {
    const x = Float64Array.of(1, 2, 3, 4, 10);
    const m = moments(x);
    expect(m.mean).toBe(4);
    expect(m.variance).toBe(12.5); // (9 + 4 + 1 + 0 + 36) / 4
    expect(
      correlation(
        x,
        Float64Array.from(x, (v) => 3 - 2 * v),
      ),
    ).toBeCloseTo(-1, 14);
    const fit = linearRegression(Float64Array.of(0, 1, 2, 3), Float64Array.of(1, 3, 5, 7));
    expect(fit.slope).toBeCloseTo(2, 14);
    expect(fit.intercept).toBeCloseTo(1, 14);
    expect(fit.r2).toBeCloseTo(1, 14);
  });
});
