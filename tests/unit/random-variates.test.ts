import { describe, expect, it } from "vitest";
import { nextChiSquare } from "../../simulations/random/gamma.ts";
import { fillNormals } from "../../simulations/random/normal.ts";
import { createStream } from "../../simulations/random/seed-streams.ts";
import { moments } from "../../simulations/stats/descriptive.ts";

describe("normal variates", () => {
  it("have mean 0, variance 1, no skew and no excess kurtosis", () => {
    const n = 200_000;
    const m = moments(fillNormals(createStream({ seed: 3 }), new Float64Array(n)));
    // Standard errors for n normals: mean 1/sqrt(n), variance sqrt(2/n), skew sqrt(6/n), kurt sqrt(24/n);
    // tolerances are 5 of those.
    expect(Math.abs(m.mean)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(m.variance - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
    expect(Math.abs(m.skewness)).toBeLessThan(5 * Math.sqrt(6 / n));
    expect(Math.abs(m.excessKurtosis)).toBeLessThan(5 * Math.sqrt(24 / n));
  });
});

describe("chi-square variates", () => {
  it("have mean dof and variance 2 dof", () => {
    const rng = createStream({ seed: 4 });
    for (const dof of [3.5, 10]) {
      const n = 100_000;
      const x = new Float64Array(n);
      for (let i = 0; i < n; i++) x[i] = nextChiSquare(rng, dof);
      const m = moments(x);
      // Tolerances are 5 standard errors: the sample mean's is sqrt(2 dof / n); the sample variance's
      // is sqrt((mu4 - sigma^4) / n) with mu4 = 12 dof^2 + 48 dof for a chi-square.
      expect(Math.abs(m.mean - dof)).toBeLessThan(5 * Math.sqrt((2 * dof) / n));
      expect(Math.abs(m.variance - 2 * dof)).toBeLessThan(5 * Math.sqrt((8 * dof * dof + 48 * dof) / n));
    }
  });
});
