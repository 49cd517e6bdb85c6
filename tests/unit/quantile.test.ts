import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectedShortfall, quantile, selectKth } from "../../simulations/stats/quantile.ts";

const sorted = (a: ArrayLike<number>) => Float64Array.from(a).sort();

describe("selectKth", () => {
  it("agrees with sorting for any array and k (property test)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), { minLength: 1, maxLength: 200 }),
        fc.nat(),
        (xs, kk) => {
          const a = Float64Array.from(xs);
          const k = kk % a.length;
          const v = selectKth(a, k);
          expect(v).toBe(sorted(xs)[k]);
          for (let i = 0; i < k; i++) expect(a[i]!).toBeLessThanOrEqual(v);
          for (let i = k + 1; i < a.length; i++) expect(a[i]!).toBeGreaterThanOrEqual(v);
        },
      ),
    );
  });

  it("handles many duplicates and sorted input", () => {
    const a = Float64Array.from({ length: 10_001 }, (_, i) => i % 3);
    expect(selectKth(a, 5000)).toBe(1);
    const b = Float64Array.from({ length: 100_000 }, (_, i) => i);
    expect(selectKth(b, 99_000)).toBe(99_000);
  });
});

describe("quantile", () => {
  it("interpolates like NumPy's default (type 7)", () => {
    const x = Float64Array.of(10, 1, 7, 3, 5);
    // numpy.quantile([10,1,7,3,5], [0, .1, .5, .95, 1]) = [1, 1.8, 5, 9.4, 10]
    expect(quantile(x, 0)).toBe(1);
    expect(quantile(x, 0.1)).toBeCloseTo(1.8, 14);
    expect(quantile(x, 0.5)).toBe(5);
    expect(quantile(x, 0.95)).toBeCloseTo(9.4, 14);
    expect(quantile(x, 1)).toBe(10);
    expect(Array.from(x)).toEqual([10, 1, 7, 3, 5]); // not modified without inPlace
  });

  it("rejects NaN and empty samples", () => {
    expect(() => quantile(Float64Array.of(1, Number.NaN), 0.5)).toThrow(/NaN at index 1/);
    expect(() => quantile(new Float64Array(0), 0.5)).toThrow(/empty/);
  });
});

describe("expectedShortfall", () => {
  it("averages the worst share of losses, counting the boundary fractionally", () => {
    const losses = Float64Array.from({ length: 1000 }, (_, i) => i + 1); // 1..1000
    // 99%: the 10 largest (991..1000) average 995.5; VaR is the smallest of them, 991.
    const r = expectedShortfall(losses, 0.99);
    expect(r.es).toBeCloseTo(995.5, 10);
    expect(r.var).toBe(991);
    // 97.5% of 100 losses 1..100: tail = 2.5 observations -> (100 + 99 + 0.5 * 98) / 2.5 = 99.2
    const s = expectedShortfall(
      Float64Array.from({ length: 100 }, (_, i) => i + 1),
      0.975,
    );
    expect(s.es).toBeCloseTo(99.2, 10);
    expect(s.var).toBe(98);
  });

  it("agrees with a sort-based computation (property test)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, min: -1e3, max: 1e3 }), { minLength: 20, maxLength: 300 }),
        fc.constantFrom(0.9, 0.95, 0.975, 0.99),
        (xs, c) => {
          const s = sorted(xs).reverse();
          const tail = xs.length * (1 - c);
          const whole = Math.floor(tail + 1e-9);
          let sum = 0;
          for (let i = 0; i < whole; i++) sum += s[i]!;
          const frac = Math.max(0, tail - whole);
          const want = (sum + frac * s[whole]!) / tail;
          // 1e-9 relative: only summation order differs.
          expect(expectedShortfall(Float64Array.from(xs), c).es).toBeCloseTo(want, 6);
        },
      ),
    );
  });
});
