import { describe, expect, it } from "vitest";
import { createStream } from "../../simulations/random/seed-streams.ts";
import {
  fitGarch,
  type GarchParams,
  garchLogLikelihood,
  garchVarianceForecast,
  simulateGarch,
} from "../../simulations/scenarios/garch.ts";

describe("fitGarch", () => {
  it("recovers the parameters of a simulated normal GARCH(1,1)", () => {
    const truth: GarchParams = {
      mu: 5e-4,
      omega: 2e-5,
      alpha: 0.1,
      beta: 0.85,
      innovations: "normal",
      nu: Infinity,
    };
    const { returns } = simulateGarch({ params: truth, n: 6000, rng: createStream({ seed: 11 }) });
    const fit = fitGarch({ returns, innovations: "normal" });
    expect(fit.converged).toBe(true);
    // Each estimate within 4 of its own asymptotic standard errors (n = 6000 gives SE ~0.01 for alpha).
    for (const k of ["mu", "omega", "alpha", "beta"] as const) {
      const se = fit.standardErrors[k];
      expect(Number.isFinite(se) && se > 0).toBe(true);
      expect(Math.abs(fit.params[k] - truth[k])).toBeLessThan(4 * se);
    }
    // The maximum is a maximum: the true parameters score no better.
    const llTruth = garchLogLikelihood({ returns, params: truth });
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(llTruth - 1e-6);
    expect(fit.persistence).toBeCloseTo(fit.params.alpha + fit.params.beta, 15);
    expect(fit.conditionalVariance.length).toBe(6000);
  });

  it("recovers Student-t GARCH parameters including the degrees of freedom", () => {
    const truth: GarchParams = {
      mu: 0,
      omega: 3e-5,
      alpha: 0.08,
      beta: 0.88,
      innovations: "student-t",
      nu: 5,
    };
    const { returns } = simulateGarch({ params: truth, n: 6000, rng: createStream({ seed: 12 }) });
    const fit = fitGarch({ returns, innovations: "student-t" });
    for (const k of ["alpha", "beta", "nu"] as const) {
      // 4 standard errors, as above.
      expect(Math.abs(fit.params[k] - truth[k])).toBeLessThan(4 * fit.standardErrors[k]);
    }
    // With variance targeting the long-run vol equals the sample's.
    const vt = fitGarch({ returns, innovations: "student-t", varianceTargeting: true });
    let m = 0;
    for (const r of returns) m += r / returns.length;
    let v = 0;
    for (const r of returns) v += (r - m) ** 2 / returns.length;
    // 1e-12: omega is computed from the same sample variance, only rounding differs.
    expect(vt.longRunVolAnnual).toBeCloseTo(Math.sqrt(v * 365), 12);
    expect(Number.isNaN(vt.standardErrors.omega)).toBe(true);
    expect(vt.logLikelihood).toBeLessThanOrEqual(fit.logLikelihood + 1e-6);
  });

  it("forecasts variance mean-reverting to the long-run level", () => {
    const p: GarchParams = { mu: 0, omega: 1e-5, alpha: 0.1, beta: 0.8, innovations: "normal", nu: Infinity };
    const longRun = 1e-5 / 0.1;
    expect(garchVarianceForecast({ params: p, nextVariance: 3e-4, steps: 1 })).toBe(3e-4);
    expect(garchVarianceForecast({ params: p, nextVariance: 3e-4, steps: 2 })).toBeCloseTo(
      longRun + 0.9 * (3e-4 - longRun),
      18,
    );
  });

  it("refuses too little data and non-finite returns", () => {
    expect(() => fitGarch({ returns: new Float64Array(100) })).toThrow(/at least 250/);
    const r = new Float64Array(300).fill(0.01);
    r[5] = Number.NaN;
    expect(() => fitGarch({ returns: r })).toThrow(/return 5 is not finite/);
  });
});
