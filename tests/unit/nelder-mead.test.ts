import { describe, expect, it } from "vitest";
import { nelderMead } from "../../simulations/stats/nelder-mead.ts";

describe("nelderMead", () => {
  it("finds the minimum of the Rosenbrock function", () => {
    const r = nelderMead({
      f: (x) => 100 * (x[1]! - x[0]! ** 2) ** 2 + (1 - x[0]!) ** 2,
      start: [-1.2, 1],
      maxIterations: 10_000,
    });
    expect(r.converged).toBe(true);
    // 1e-6: the stopping rule is 1e-8 on the simplex size; the valley is flat, so allow 100x.
    expect(r.x[0]).toBeCloseTo(1, 6);
    expect(r.x[1]).toBeCloseTo(1, 6);
  });

  it("treats non-finite objective values as infeasible", () => {
    const r = nelderMead({ f: (x) => (x[0]! < 0 ? Number.NaN : (x[0]! - 2) ** 2), start: [0.5] });
    expect(r.x[0]).toBeCloseTo(2, 6);
  });
});
