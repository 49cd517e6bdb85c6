import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ewmaFilteredReturns, horizonReturns } from "../../simulations/risk/historical-scenarios.ts";
import { selectInPlace } from "../../simulations/risk/select.ts";
import { tailCount, varEs, varEsReference } from "../../simulations/risk/var-es.ts";

const arbLosses = fc
  .array(fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constantFrom(0, 1, -1)), {
    minLength: 1,
    maxLength: 3000,
  })
  .map((xs) => Float64Array.from(xs));

describe("selectInPlace (quickselect)", () => {
  it("puts the k-th smallest at k with smaller values before and larger after", () => {
    fc.assert(
      fc.property(arbLosses, fc.nat(), (xs, seed) => {
        const k = seed % xs.length;
        const work = Float64Array.from(xs);
        const v = selectInPlace(work, k);
        const sorted = Float64Array.from(xs).sort();
        // === rather than toBe: a sort orders -0 before +0, selection treats them as the equal numbers they are.
        expect(v === sorted[k]).toBe(true);
        for (let j = 0; j < k; j++) expect(work[j]!).toBeLessThanOrEqual(v);
        for (let j = k + 1; j < work.length; j++) expect(work[j]!).toBeGreaterThanOrEqual(v);
        expect(Float64Array.from(work).sort()).toEqual(sorted); // a permutation
      }),
      { numRuns: 300 },
    );
  });
});

describe("varEs (block-maximum threshold and selection, no sort) vs varEsReference (sort)", () => {
  it("are equal for any sample and confidence", () => {
    fc.assert(
      fc.property(arbLosses, fc.double({ min: 0.5, max: 0.9999, noNaN: true }), (losses, confidence) => {
        const copy = Float64Array.from(losses);
        const fast = varEs({ losses, confidence });
        const ref = varEsReference({ losses, confidence });
        expect(fast.var === ref.var).toBe(true); // -0 and +0 are the same loss
        expect(fast.tailCount).toBe(ref.tailCount);
        // Both sum the tail in ascending order: the same bits.
        expect(fast.es === ref.es).toBe(true);
        expect(fast.es).toBeGreaterThanOrEqual(fast.var - 1e-9);
        expect(losses).toEqual(copy); // input untouched
      }),
      { numRuns: 400 },
    );
  });

  it("gives the reference's bits on ordered, constant and repeated samples of every tail size", () => {
    const n = 2000;
    const samples = [
      Float64Array.from({ length: n }, (_, j) => j), // ascending: each block's maximum is its last loss
      Float64Array.from({ length: n }, (_, j) => n - j),
      new Float64Array(n).fill(3.5), // every loss reaches the threshold
      Float64Array.from({ length: n }, (_, j) => j % 7),
      Float64Array.from({ length: 7 }, (_, j) => -j * 0.1),
    ];
    for (const losses of samples)
      for (const confidence of [0.5, 0.9, 0.975, 0.99, 0.999, 0.9999]) {
        const fast = varEs({ losses, confidence, scratch: new Float64Array(losses.length) });
        const ref = varEsReference({ losses, confidence });
        expect([fast.var, fast.es]).toEqual([ref.var, ref.es]);
      }
  });

  it("worked example: 1,000 losses 1..1000 at 99% -> tail of 10, VaR 991, ES 995.5", () => {
    const losses = Float64Array.from({ length: 1000 }, (_, k) => ((k * 7919) % 1000) + 1); // a shuffle of 1..1000
    expect(varEs({ losses, confidence: 0.99 })).toEqual({
      var: 991,
      es: 995.5,
      tailCount: 10,
      observations: 1000,
    });
    // 97.5% ES (FRTB): 25 worst, mean of 976..1000 = 988.
    expect(varEs({ losses, confidence: 0.975 }).es).toBe(988);
  });

  it("tail count is ceil(N (1 - c)), at least 1, robust to binary rounding", () => {
    expect(tailCount(2000, 0.99)).toBe(20);
    expect(tailCount(730, 0.99)).toBe(8);
    expect(tailCount(100, 0.999)).toBe(1);
    expect(tailCount(10, 0.5)).toBe(5);
  });
});

describe("historical scenario helpers", () => {
  it("horizonReturns are overlapping sums of consecutive daily log returns", () => {
    const daily = Float64Array.from([0.01, -0.02, 0.03, 0.005, -0.01]);
    expect(Array.from(horizonReturns(daily, 1))).toEqual(Array.from(daily));
    const two = horizonReturns(daily, 2);
    expect(two.length).toBe(4);
    expect(two[0]).toBeCloseTo(-0.01, 15);
    expect(two[3]).toBeCloseTo(-0.005, 15);
    expect(horizonReturns(daily, 6).length).toBe(0);
  });

  it("EWMA filtering rescales each return to the latest volatility (Hull & White 1998)", () => {
    // Calm first half (1% moves), turbulent second half (4% moves): filtered calm returns grow ~4x.
    const r = Float64Array.from({ length: 400 }, (_, k) => (k % 2 ? 1 : -1) * (k < 200 ? 0.01 : 0.04));
    const f = ewmaFilteredReturns(r, 0.94);
    expect(Math.abs(f[100]!) / Math.abs(r[100]!)).toBeGreaterThan(3.5);
    expect(Math.abs(f[399]!) / Math.abs(r[399]!)).toBeCloseTo(1, 1);
    // Constant volatility: filtering changes nothing (up to the seed's influence).
    const flat = Float64Array.from({ length: 300 }, (_, k) => (k % 2 ? 0.02 : -0.02));
    const ff = ewmaFilteredReturns(flat, 0.94);
    for (let k = 0; k < flat.length; k++) expect(ff[k]!).toBeCloseTo(flat[k]!, 12);
    // A stale feed of zeros does not divide by zero.
    expect(Array.from(ewmaFilteredReturns(new Float64Array(10), 0.94)).every(Number.isFinite)).toBe(true);
  });
});
