// SVI vols, Black-76 prices and the Hart normal CDF of the derive-pm2 model against known values.
import { describe, expect, it } from "vitest";
import {
  black76,
  black76Price,
  SECONDS_PER_YEAR,
  unitBlack76,
} from "../../simulations/models/derive-pm2/black76.ts";
import { hartNormalCdf } from "../../simulations/models/derive-pm2/hart-normal-cdf.ts";
import { sviVol } from "../../simulations/models/derive-pm2/svi.ts";
import { normCdf } from "../../simulations/pricing/normal-cdf.ts";

// Hart's rational approximation (|x| < 7.07) is accurate to double precision (West 2005); references
// are 0.5 erfc(-x/sqrt2). Its continued-fraction tail is only ~1e-8 relative, i.e. ~1e-23 absolute.
const CDF_REL_TOL = 1e-14;
const CDF_TAIL_REL_TOL = 1e-8;

describe("hartNormalCdf", () => {
  it.each([
    [0, 0.5],
    [1.96, 0.9750021048517795],
    [-1, 0.15865525393145707],
    [3, 0.9986501019683699],
  ])("N(%d)", (x, expected) => {
    expect(Math.abs(hartNormalCdf(x) - expected) / expected).toBeLessThan(CDF_REL_TOL);
  });

  it("N(-8) in the continued-fraction tail", () => {
    const expected = 6.220960574271819e-16;
    expect(Math.abs(hartNormalCdf(-8) - expected) / expected).toBeLessThan(CDF_TAIL_REL_TOL);
  });

  it("is cut off at |x| > 37 like Derive's fixed-point version", () => {
    expect(hartNormalCdf(-40)).toBe(0);
    expect(hartNormalCdf(40)).toBe(1);
  });
});

describe("black76", () => {
  const years = (t: number) => Math.round(t * SECONDS_PER_YEAR);

  it("prices Hull's futures-option example (F = K = 20, r = 9%, vol 25%, 4 months) at 1.1166", () => {
    // Hull, "Options, Futures, and Other Derivatives", Black's model example; reference computed in
    // closed form with erfc. 4/12 of a 365-day year is a whole number of seconds.
    const t = 4 / 12;
    const p = black76({
      secToExpiry: years(t),
      vol: 0.25,
      fwd: 20,
      strike: 20,
      discount: Math.exp(-0.09 * t),
    });
    expect(p.call).toBeCloseTo(1.1166414565589438, 12);
    expect(p.put).toBeCloseTo(1.1166414565589438, 12);
  });

  it("prices an OTM call and ITM put to double precision", () => {
    const p = black76({
      secToExpiry: years(0.5),
      vol: 0.8,
      fwd: 2683,
      strike: 3000,
      discount: Math.exp(-0.05 * 0.5),
    });
    expect(Math.abs(p.call - 474.25542808280517) / 474.25542808280517).toBeLessThan(1e-13);
    expect(Math.abs(p.put - 783.4286701957867) / 783.4286701957867).toBeLessThan(1e-13);
  });

  it("keeps put-call parity: C - P = D (F - K)", () => {
    const discount = 0.97;
    const p = black76({ secToExpiry: 86_400 * 40, vol: 0.65, fwd: 95_000, strike: 90_000, discount });
    expect(p.call - p.put).toBeCloseTo(discount * 5_000, 8);
  });

  it("gives intrinsic value at zero time or zero vol", () => {
    expect(black76({ secToExpiry: 0, vol: 0.8, fwd: 2691.6, strike: 2500, discount: 1 }).call).toBeCloseTo(
      191.6,
      10,
    );
    expect(black76({ secToExpiry: 86_400, vol: 0, fwd: 2400, strike: 2500, discount: 1 }).put).toBeCloseTo(
      100,
      10,
    );
  });

  it("prices the call at the full discounted forward once total vol reaches 24", () => {
    expect(unitBlack76(1.3, 24).call).toBe(1);
    expect(
      black76({ secToExpiry: SECONDS_PER_YEAR, vol: 30, fwd: 100, strike: 120, discount: 0.9 }).call,
    ).toBe(90);
  });
});

describe("black76Price (the allocation-free kernel) against a textbook Black-76", () => {
  /** Black (1976) with Cody's normal CDF: D (F N(d1) - K N(d2)), D (K N(-d2) - F N(-d1)). */
  function textbook(
    isCall: boolean,
    t: number,
    vol: number,
    fwd: number,
    strike: number,
    discount: number,
  ): number {
    const sd = vol * Math.sqrt(t / SECONDS_PER_YEAR);
    if (sd === 0) return discount * Math.max(isCall ? fwd - strike : strike - fwd, 0);
    const d1 = (Math.log(fwd / strike) + (sd * sd) / 2) / sd;
    const d2 = d1 - sd;
    return isCall
      ? discount * (fwd * normCdf(d1) - strike * normCdf(d2))
      : discount * (strike * normCdf(-d2) - fwd * normCdf(-d1));
  }

  it("agrees to 1e-12 of the forward over a deterministic sweep of strikes, vols and tenors", () => {
    // 1e-12 x forward: both are double-precision formulas; the kernel derives puts by parity, which
    // costs a few ulps of the forward for deep in-the-money puts.
    const fwd = 95_000;
    for (const moneyness of [0.3, 0.7, 0.95, 1, 1.05, 1.5, 3]) {
      for (const vol of [0.05, 0.4, 0.8, 1.6]) {
        for (const days of [0, 1, 7, 30, 180, 720]) {
          const t = days * 86_400;
          const discount = Math.exp(-0.05 * (t / SECONDS_PER_YEAR));
          for (const isCall of [true, false]) {
            const strike = fwd * moneyness;
            const ours = black76Price(isCall, t, vol, fwd, strike, discount);
            const ref = textbook(isCall, t, vol, fwd, strike, discount);
            expect(
              Math.abs(ours - ref),
              `${isCall ? "C" : "P"} K/F=${moneyness} vol=${vol} days=${days}`,
            ).toBeLessThan(1e-12 * fwd);
          }
        }
      }
    }
  });
});

describe("sviVol", () => {
  const svi = { a: 0.04, b: 0.1, rho: -0.5, m: 0, sigma: 0.1, forward: 100, tauYears: 0.25 };

  it("evaluates the raw SVI total variance at the money: sqrt((a + b sigma) / tau)", () => {
    expect(sviVol(100, svi)).toBeCloseTo(Math.sqrt(0.2), 14);
  });

  it("evaluates inside the log-moneyness bound", () => {
    expect(sviVol(80, svi)).toBeCloseTo(0.5499447022619216, 14);
  });

  it("flattens the wings beyond +-4 sqrt(a + b sigma)", () => {
    // k = ln(10) = 2.30 is bounded at 4 sqrt(0.05) = 0.894.
    expect(sviVol(1000, svi)).toBeCloseTo(0.5840501363753089, 14);
    expect(sviVol(10_000, svi)).toBe(sviVol(1000, svi));
  });

  it("reproduces the mark vols published in Derive's case 18 (one inside, one beyond the bound)", () => {
    const feed = {
      a: 0.007565004123347051,
      b: 0.05665753529061742,
      rho: -0.5501269344323543,
      m: -0.06330675563612911,
      sigma: 0.04832319830307816,
      forward: 2682.9997436016715,
      tauYears: 0.02520674784373,
    };
    expect(sviVol(4000, feed)).toBeCloseTo(0.8795543651099665, 13);
    expect(sviVol(4200, feed)).toBeCloseTo(0.8833255402190362, 13);
  });

  it("returns 0 for a zero strike and rejects a negative total variance", () => {
    expect(sviVol(0, svi)).toBe(0);
    expect(() => sviVol(100, { ...svi, a: -0.5 }, ["feeds", 0, "svi"])).toThrow(/feeds\[0\]\.svi\.a/);
  });
});
