import { BlackScholes } from "@uqee/black-scholes";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type BlackScholesInput, blackScholes } from "../../simulations/pricing/black-scholes.ts";

const arbInput = fc.record({
  spot: fc.double({ min: 50, max: 200, noNaN: true }),
  strike: fc.double({ min: 50, max: 200, noNaN: true }),
  years: fc.double({ min: 0.02, max: 3, noNaN: true }),
  vol: fc.double({ min: 0.05, max: 1.5, noNaN: true }),
  rate: fc.double({ min: -0.02, max: 0.1, noNaN: true }),
  kind: fc.constantFrom("call" as const, "put" as const),
});

/** |a - b| <= rel * |b| + abs: relative for large values, absolute near zero. */
function near(a: number, b: number, rel: number, abs: number): boolean {
  return Math.abs(a - b) <= rel * Math.abs(b) + abs;
}

describe("blackScholes: textbook values (Hull, Options, Futures, and Other Derivatives)", () => {
  it("Example 15.6: S=42, K=40, r=10%, sigma=20%, T=0.5 gives c = 4.76, p = 0.81", () => {
    const args = { spot: 42, strike: 40, years: 0.5, vol: 0.2, rate: 0.1 };
    const c = blackScholes({ ...args, kind: "call" });
    const p = blackScholes({ ...args, kind: "put" });
    // Hull prints two decimals; N(d1) = 0.7791 and N(d2) = 0.7349 to four.
    expect(c.price).toBeCloseTo(4.76, 2);
    expect(p.price).toBeCloseTo(0.81, 2);
    expect(c.delta).toBeCloseTo(0.7791, 4);
    // Full-precision value of the same example (mpmath at 30 digits: 4.75942239287153...).
    expect(c.price).toBeCloseTo(4.7594223928715, 11);
  });

  it("Chapter 19 Greeks: S=49, K=50, r=5%, sigma=20%, T=20 weeks", () => {
    const g = blackScholes({ spot: 49, strike: 50, years: 20 / 52, vol: 0.2, rate: 0.05, kind: "call" });
    expect(g.price).toBeCloseTo(2.4, 2); // Hull: $2.40
    expect(g.delta).toBeCloseTo(0.522, 3); // Example 19.1: 0.522
    expect(g.gamma).toBeCloseTo(0.066, 3); // Example 19.4: 0.066
    expect(g.vega * 100).toBeCloseTo(12.1, 1); // Example 19.6: 12.1 per 100% vol; ours is per vol point
    expect(g.theta * 365).toBeCloseTo(-4.31, 2); // Example 19.2: -4.31 per year; ours is per calendar day
    expect(g.rho * 100).toBeCloseTo(8.91, 2); // Example 19.7: 8.91 per 100% rate; ours per 1%
  });
});

describe("blackScholes: no-arbitrage identities and limits", () => {
  it("put-call parity c - p = S - K e^{-rT}", () => {
    fc.assert(
      fc.property(arbInput, (a) => {
        const c = blackScholes({ ...a, kind: "call" }).price;
        const p = blackScholes({ ...a, kind: "put" }).price;
        // Prices are O(100); four roundings of 2^-53 each.
        expect(Math.abs(c - p - (a.spot - a.strike * Math.exp(-a.rate * a.years)))).toBeLessThan(
          1e-12 * a.spot,
        );
      }),
      { numRuns: 500 },
    );
  });

  it("stays within the no-arbitrage bounds", () => {
    fc.assert(
      fc.property(arbInput, (a) => {
        const { price } = blackScholes(a);
        const pvK = a.strike * Math.exp(-a.rate * a.years);
        const lower = a.kind === "call" ? Math.max(a.spot - pvK, 0) : Math.max(pvK - a.spot, 0);
        const upper = a.kind === "call" ? a.spot : pvK;
        expect(price).toBeGreaterThanOrEqual(lower - 1e-12 * a.spot);
        expect(price).toBeLessThanOrEqual(upper + 1e-12 * a.spot);
      }),
      { numRuns: 500 },
    );
  });

  it("t -> 0 tends to intrinsic value, and an expired option is worth exactly intrinsic", () => {
    for (const kind of ["call", "put"] as const) {
      for (const strike of [90, 100, 110]) {
        const intrinsic = kind === "call" ? Math.max(100 - strike, 0) : Math.max(strike - 100, 0);
        const atExpiry = blackScholes({ spot: 100, strike, years: 0, vol: 0.5, rate: 0.05, kind });
        expect(atExpiry.price).toBe(intrinsic);
        expect(blackScholes({ spot: 100, strike, years: -0.1, vol: 0.5, rate: 0.05, kind }).price).toBe(
          intrinsic,
        );
        // One second before expiry: in or out of the money the price is the discounted intrinsic value
        // (the option cannot cross the strike in 1 s at 50% vol: 10% is ~1,000 standard deviations);
        // at the money it is its time value S sigma sqrt(t / 2 pi) = 0.0036.
        const t = 1 / (365 * 86400);
        const tiny = blackScholes({ spot: 100, strike, years: t, vol: 0.5, rate: 0.05, kind });
        const pvK = strike * Math.exp(-0.05 * t);
        const limit = kind === "call" ? Math.max(100 - pvK, 0) : Math.max(pvK - 100, 0);
        if (strike === 100) expect(tiny.price).toBeCloseTo(100 * 0.5 * Math.sqrt(t / (2 * Math.PI)), 5);
        else expect(Math.abs(tiny.price - limit)).toBeLessThan(1e-12);
      }
    }
  });

  it("sigma -> 0 tends to the discounted forward intrinsic value", () => {
    fc.assert(
      fc.property(arbInput, (a) => {
        const pvK = a.strike * Math.exp(-a.rate * a.years);
        const limit = a.kind === "call" ? Math.max(a.spot - pvK, 0) : Math.max(pvK - a.spot, 0);
        expect(blackScholes({ ...a, vol: 0 }).price).toBeCloseTo(limit, 12);
        // Tiny vol: away from the forward money line the option is its forward intrinsic value.
        if (Math.abs(Math.log(a.spot / pvK)) > 0.01) {
          expect(Math.abs(blackScholes({ ...a, vol: 1e-6 }).price - limit)).toBeLessThan(1e-9);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("blackScholes: every Greek equals a finite difference of the price", () => {
  const price = (a: BlackScholesInput) => blackScholes(a).price;
  it("delta, gamma, vega, theta, rho", () => {
    fc.assert(
      fc.property(arbInput, (a) => {
        const g = blackScholes(a);
        // Central differences have O(h^2) truncation error; steps scale with the option's own width
        // (S min(1, sigma sqrt(T)) in spot, sigma in vol, T in time) so that truncation and rounding
        // (eps * price / h) both stay below the tolerances (1e-6 relative + small absolute).
        const width = a.spot * Math.min(1, a.vol * Math.sqrt(a.years));
        const hS = 1e-4 * width;
        const fdDelta = (price({ ...a, spot: a.spot + hS }) - price({ ...a, spot: a.spot - hS })) / (2 * hS);
        expect(near(g.delta, fdDelta, 1e-6, 1e-9)).toBe(true);
        const hG = 3e-3 * width;
        const fdGamma =
          (price({ ...a, spot: a.spot + hG }) - 2 * price(a) + price({ ...a, spot: a.spot - hG })) /
          (hG * hG);
        // Rounding in a second difference is ~4 eps x (size of the terms the price is the difference of,
        // S N(d1) and K N(d2), up to S + K) / h^2: it dominates for deep in-the-money options, whose
        // price is small next to those terms (a 2.6-sd in-the-money put at 5% vol failed the bound
        // 4 eps price / h^2).
        const rounding = (4 * Number.EPSILON * (a.spot + a.strike)) / (hG * hG);
        expect(near(g.gamma, fdGamma, 1e-4, 1e-8 + rounding)).toBe(true);
        const hV = 1e-4 * a.vol;
        const fdVega =
          ((price({ ...a, vol: a.vol + hV }) - price({ ...a, vol: a.vol - hV })) / (2 * hV)) * 0.01;
        expect(near(g.vega, fdVega, 1e-6, 1e-9)).toBe(true);
        const hT = 1e-4 * a.years;
        const fdTheta =
          -(price({ ...a, years: a.years + hT }) - price({ ...a, years: a.years - hT })) / (2 * hT) / 365;
        expect(near(g.theta, fdTheta, 1e-5, 1e-9)).toBe(true);
        const hR = 1e-6;
        const fdRho =
          ((price({ ...a, rate: a.rate + hR }) - price({ ...a, rate: a.rate - hR })) / (2 * hR)) * 0.01;
        expect(near(g.rho, fdRho, 1e-5, 1e-9)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it("deep-wing Greeks stay accurate where 7-digit CDFs fail (delta of a 10-sigma OTM call)", () => {
    const a = { spot: 100, strike: 300, years: 0.25, vol: 0.2, rate: 0, kind: "call" as const };
    const g = blackScholes(a);
    // d1 = -10.93: delta = N(d1) ~ 4e-28. A&S 26.2.17 returns exactly 0 here (error 7.5e-8 absolute).
    expect(g.delta).toBeGreaterThan(0);
    expect(g.delta).toBeLessThan(1e-26);
    const hS = 0.01;
    const fd =
      (blackScholes({ ...a, spot: 100 + hS }).price - blackScholes({ ...a, spot: 100 - hS }).price) /
      (2 * hS);
    // d1 moves 0.05% per step, so truncation is ~1e-4 relative; the 1e-27 prices carry ~13 digits.
    expect(Math.abs(g.delta - fd) / g.delta).toBeLessThan(1e-3);
  });
});

describe("blackScholes vs @uqee/black-scholes (double mode)", () => {
  it("prices agree on ordinary inputs", () => {
    const pkg = new BlackScholes({ sigmaToPricePrecision: "double" });
    fc.assert(
      fc.property(arbInput, (a) => {
        const theirs = pkg.option({
          rate: a.rate,
          sigma: a.vol,
          strike: a.strike,
          time: a.years,
          type: a.kind,
          underlying: a.spot,
        });
        // Hart's double-precision CDF in the package is good to ~1e-14 absolute.
        expect(Math.abs(theirs.price - blackScholes(a).price)).toBeLessThan(1e-11 * a.spot);
        expect(Math.abs(theirs.delta - blackScholes(a).delta)).toBeLessThan(1e-12);
      }),
      { numRuns: 300 },
    );
  });
});
