import { describe, expect, it } from "vitest";
import { createStream } from "../../simulations/random/seed-streams.ts";
import {
  detectJumps,
  fitMertonJumpDiffusion,
  type MertonParams,
  mertonMoments,
  simulateMerton,
} from "../../simulations/scenarios/jump-diffusion.ts";
import { moments } from "../../simulations/stats/descriptive.ts";

const truth: MertonParams = { mu: 5e-4, sigma: 0.025, lambda: 0.02, muJ: -0.05, sigmaJ: 0.12 };

describe("Merton jump-diffusion", () => {
  it("simulated daily returns have the model's mean, variance, skewness and kurtosis", () => {
    const n = 400_000;
    const r = simulateMerton({ params: truth, n, rng: createStream({ seed: 21 }) });
    const m = moments(r);
    const want = mertonMoments(truth);
    // Mean and variance within 5 standard errors: sd(mean) = sqrt(var / n);
    // sd(variance) = sqrt((kurt + 2) var^2 / n) with the model's excess kurtosis.
    expect(Math.abs(m.mean - want.mean)).toBeLessThan(5 * Math.sqrt(want.variance / n));
    expect(Math.abs(m.variance - want.variance)).toBeLessThan(
      5 * Math.sqrt(((want.excessKurtosis + 2) * want.variance ** 2) / n),
    );
    // Higher moments converge slowly under jumps (they depend on the 6th and 8th moments):
    // 15% relative is about 4 of their standard errors at this n.
    expect(m.skewness / want.skewness).toBeGreaterThan(0.85);
    expect(m.skewness / want.skewness).toBeLessThan(1.15);
    expect(m.excessKurtosis / want.excessKurtosis).toBeGreaterThan(0.85);
    expect(m.excessKurtosis / want.excessKurtosis).toBeLessThan(1.15);
  });

  it("moment formulas reduce to the normal case without jumps", () => {
    const m = mertonMoments({ ...truth, lambda: 0 });
    expect(m.mean).toBe(truth.mu);
    expect(m.variance).toBeCloseTo(truth.sigma ** 2, 18);
    expect(Math.abs(m.skewness)).toBe(0);
    expect(Math.abs(m.excessKurtosis)).toBe(0);
  });

  it("detects planted jumps against the local volatility", () => {
    const n = 3000;
    const rng = createStream({ seed: 22 });
    const r = simulateMerton({ params: { ...truth, lambda: 0 }, n, rng });
    const planted = [500, 1200, 2100, 2500];
    for (const i of planted) r[i] = -0.3;
    const d = detectJumps({ returns: r });
    expect(d.jumpIndexes).toEqual(expect.arrayContaining(planted));
    // A pure diffusion has P(|z| > 4) = 6e-5 per day: about 0.2 false jumps in 3000 days.
    expect(d.jumpIndexes.length).toBeLessThanOrEqual(planted.length + 2);
  });

  it("recovers the parameters of a simulated series, correcting for undetected small jumps", () => {
    const n = 8000;
    const r = simulateMerton({ params: truth, n, rng: createStream({ seed: 23 }) });
    const fit = fitMertonJumpDiffusion({ returns: r });
    expect(fit.converged).toBe(true);
    // Only about half the jumps clear 4 sd (q = 0.48 here); the corrected lambda must undo that.
    expect(fit.jumps / n).toBeLessThan(truth.lambda * 0.7);
    expect(fit.detectionProbability).toBeGreaterThan(0.4);
    expect(fit.detectionProbability).toBeLessThan(0.6);
    // Tolerances of 3 standard errors (each from the fit itself: ~150 jumps in 8000 days).
    for (const k of ["lambda", "sigma", "muJ", "sigmaJ"] as const) {
      expect(Math.abs(fit.params[k] - truth[k])).toBeLessThan(3 * fit.standardErrors[k]);
    }
    // Total variance is identified tightly whatever the split between diffusion and jumps.
    expect(Math.abs(mertonMoments(fit.params).variance / mertonMoments(truth).variance - 1)).toBeLessThan(
      0.1,
    );
  });
});
