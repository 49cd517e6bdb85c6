import { describe, expect, it } from "vitest";
import { simulateMonteCarloPaths } from "../../simulations/scenarios/monte-carlo.ts";
import { calibrateSyntheticModels } from "../../simulations/scenarios/synthetic-calibration.ts";
import { correlation } from "../../simulations/stats/descriptive.ts";

const cal = calibrateSyntheticModels(); // BTC, ETH; Student-t GARCH with variance targeting; 2018 on

function dayReturns(p: ReturnType<typeof simulateMonteCarloPaths>, sym: string, day: number): Float64Array {
  const a = p.spot[sym]!;
  return Float64Array.from({ length: p.paths }, (_, k) =>
    Math.log(a[k * p.stride + day]! / a[k * p.stride + day - 1]!),
  );
}

/** Kendall's tau (O(n^2), fine for a few thousand points). */
function kendallTau(x: Float64Array, y: Float64Array): number {
  let s = 0;
  const n = x.length;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) s += Math.sign((x[i]! - x[j]!) * (y[i]! - y[j]!));
  }
  return (2 * s) / (n * (n - 1));
}

describe("simulateMonteCarloPaths", () => {
  it("is deterministic per seed and lays out paths x (horizon + 1)", () => {
    for (const model of ["garch", "jump-diffusion"] as const) {
      const a = simulateMonteCarloPaths({ calibration: cal, model, paths: 50, horizonDays: 30, seed: 7 });
      const b = simulateMonteCarloPaths({ calibration: cal, model, paths: 50, horizonDays: 30, seed: 7 });
      const c = simulateMonteCarloPaths({ calibration: cal, model, paths: 50, horizonDays: 30, seed: 8 });
      expect(a.stride).toBe(31);
      expect(a.spot.BTC!.length).toBe(50 * 31);
      expect(a.spot.BTC).toEqual(b.spot.BTC);
      expect(a.iv.ETH).toEqual(b.iv.ETH);
      expect(a.spot.BTC).not.toEqual(c.spot.BTC);
      // Day 0 is the calibration's start state on every path.
      for (let p = 0; p < 50; p++) {
        expect(a.spot.BTC![p * 31]).toBe(cal.assets.BTC!.start.spot);
        expect(a.iv.ETH![p * 31]).toBe(cal.assets.ETH!.start.iv);
      }
    }
  });

  it("gives identical paths however the path range is split across workers", () => {
    for (const model of ["garch", "jump-diffusion"] as const) {
      const whole = simulateMonteCarloPaths({
        calibration: cal,
        model,
        paths: 40,
        horizonDays: 10,
        seed: 99,
      });
      // e.g. 3 workers taking 13 + 13 + 14 paths
      const parts = [
        [0, 13],
        [13, 13],
        [26, 14],
      ].map(([pathStart, paths]) =>
        simulateMonteCarloPaths({
          calibration: cal,
          model,
          paths: paths!,
          pathStart: pathStart!,
          horizonDays: 10,
          seed: 99,
        }),
      );
      for (const sym of ["BTC", "ETH"]) {
        const joined = new Float64Array(40 * 11);
        let off = 0;
        for (const p of parts) {
          joined.set(p.spot[sym]!, off);
          off += p.spot[sym]!.length;
        }
        expect(joined).toEqual(whole.spot[sym]);
      }
    }
  });

  it("reproduces the historical BTC/ETH correlation (normal GARCH: Pearson)", () => {
    const normal = calibrateSyntheticModels({ garchInnovations: "normal" });
    const n = 20_000;
    const p = simulateMonteCarloPaths({
      calibration: normal,
      model: "garch",
      paths: n,
      horizonDays: 1,
      seed: 5,
    });
    const rho = normal.residualCorrelation[0]![1]!;
    expect(rho).toBeGreaterThan(0.7); // BTC and ETH move together
    // Sample correlation of n bivariate normals has sd (1 - rho^2) / sqrt(n); 4 sd tolerance.
    const got = correlation(dayReturns(p, "BTC", 1), dayReturns(p, "ETH", 1));
    expect(Math.abs(got - rho)).toBeLessThan((4 * (1 - rho * rho)) / Math.sqrt(n));
  });

  it("keeps the correlation under multivariate-t innovations (Kendall's tau = 2/pi asin rho)", () => {
    const n = 3000;
    const p = simulateMonteCarloPaths({
      calibration: cal,
      model: "garch",
      paths: n,
      horizonDays: 1,
      seed: 6,
    });
    const rho = cal.residualCorrelation[0]![1]!;
    // Pearson is unreliable with nu < 4 (infinite kurtosis); Kendall's tau is exact for elliptical laws.
    // sd of tau at n = 3000 is 0.0122 under independence and smaller under dependence; 4 sd.
    const tau = kendallTau(dayReturns(p, "BTC", 1), dayReturns(p, "ETH", 1));
    expect(Math.abs(tau - (2 / Math.PI) * Math.asin(rho))).toBeLessThan(4 * 0.0122);
  });

  it("uses a correlation override and rejects an invalid one", () => {
    const normal = calibrateSyntheticModels({ garchInnovations: "normal" });
    const n = 20_000;
    const corr = [
      [1, 0.3],
      [0.3, 1],
    ];
    const p = simulateMonteCarloPaths({
      calibration: normal,
      model: "garch",
      paths: n,
      horizonDays: 1,
      seed: 5,
      correlation: corr,
    });
    const got = correlation(dayReturns(p, "BTC", 1), dayReturns(p, "ETH", 1));
    expect(Math.abs(got - 0.3)).toBeLessThan((4 * (1 - 0.09)) / Math.sqrt(n));
    const bad = [
      [1, 1.2],
      [1.2, 1],
    ];
    expect(() =>
      simulateMonteCarloPaths({
        calibration: cal,
        model: "garch",
        paths: 1,
        horizonDays: 1,
        seed: 1,
        correlation: bad,
      }),
    ).toThrow(/correlation\[0\]\[1\]: must be a number in \[-1, 1\]/);
  });

  it("keeps the expected price flat under the martingale drift", () => {
    const normal = calibrateSyntheticModels({ garchInnovations: "normal" });
    const n = 20_000;
    const H = 30;
    for (const model of ["garch", "jump-diffusion"] as const) {
      const p = simulateMonteCarloPaths({ calibration: normal, model, paths: n, horizonDays: H, seed: 31 });
      const a = p.spot.BTC!;
      let s = 0;
      let s2 = 0;
      for (let k = 0; k < n; k++) {
        const g = a[k * p.stride + H]! / a[k * p.stride]!;
        s += g;
        s2 += g * g;
      }
      const mean = s / n;
      const sd = Math.sqrt(s2 / n - mean * mean);
      // 5 standard errors of the mean gross return.
      expect(Math.abs(mean - 1)).toBeLessThan((5 * sd) / Math.sqrt(n));
    }
  });

  it("moves implied vol with the simulated regime: up after big moves, down after calm days", () => {
    const p = simulateMonteCarloPaths({
      calibration: cal,
      model: "jump-diffusion",
      paths: 2000,
      horizonDays: 1,
      seed: 3,
    });
    const a = cal.assets.BTC!;
    const r = dayReturns(p, "BTC", 1);
    let up = 0;
    for (let k = 0; k < p.paths; k++) {
      const iv1 = p.iv.BTC![k * p.stride + 1]!;
      // iv1 = iv0 (v1 / v0)^(b/2) with v1 = lambda v0 + (1 - lambda) r^2: above iv0 exactly when r^2 > v0.
      const bigMove = r[k]! * r[k]! > a.start.ewmaVariance;
      expect(iv1 > a.start.iv).toBe(bigMove);
      if (bigMove) up++;
    }
    expect(up).toBeGreaterThan(0);
    expect(up).toBeLessThan(p.paths);
  });

  it("validates its inputs", () => {
    const base = { calibration: cal, model: "garch" as const, paths: 1, horizonDays: 1, seed: 1 };
    expect(() => simulateMonteCarloPaths({ ...base, paths: -1 })).toThrow(/paths must be an integer/);
    expect(() => simulateMonteCarloPaths({ ...base, horizonDays: 0 })).toThrow(/horizonDays/);
    expect(() => simulateMonteCarloPaths({ ...base, seed: 0.5 })).toThrow(/seed/);
    expect(() => simulateMonteCarloPaths({ ...base, start: { BTC: { spot: -5 } } })).toThrow(
      /start\.BTC\.spot/,
    );
  });
});
