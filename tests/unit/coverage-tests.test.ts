import { describe, expect, it } from "vitest";
import {
  baselTrafficLight,
  binomialCdf,
  christoffersenIndependence,
  christoffersenTest,
  kupiecTest,
  trafficLightBounds,
} from "../../simulations/stats/coverage-tests.ts";
import { backtestCoverage } from "../../simulations/stats/margin-backtest.ts";

describe("kupiecTest", () => {
  it("matches a hand computation: 8 breaches in 250 days at 99%", () => {
    // L0 = 242 ln(0.99) + 8 ln(0.01)   = -2.43218128 - 36.84136149 = -39.27354276
    // L1 = 242 ln(0.968) + 8 ln(0.032) = -7.87061239 - 27.53615501 = -35.40676740
    // LR = -2 (L0 - L1) = 7.73355072; p = P(chi2(1) > 7.73355) = erfc(sqrt(7.73355 / 2)) = 0.00542041
    const r = kupiecTest({ observations: 250, breaches: 8, confidence: 0.99 });
    // 1e-7: the hand figures above are rounded to 8 decimals.
    expect(r.lr).toBeCloseTo(7.73355072, 7);
    expect(r.pValue).toBeCloseTo(0.00542041, 7);
    expect(r.reject).toBe(true);
    expect(r.observedRate).toBe(0.032);
    expect(r.expectedRate).toBeCloseTo(0.01, 15);
  });

  it("handles zero breaches (0 ln 0 = 0) and the exact expected count", () => {
    // x = 0: LR = -2 n ln(1 - p) = -2 * 1000 * ln(0.99) = 20.10067171
    const zero = kupiecTest({ observations: 1000, breaches: 0, confidence: 0.99 });
    expect(zero.lr).toBeCloseTo(20.10067171, 7);
    expect(zero.reject).toBe(true);
    const exact = kupiecTest({ observations: 1000, breaches: 10, confidence: 0.99 });
    expect(exact.lr).toBeCloseTo(0, 12);
    expect(exact.pValue).toBeCloseTo(1, 12);
    expect(exact.reject).toBe(false);
  });

  it("rejects bad counts", () => {
    expect(() => kupiecTest({ observations: 10, breaches: 11, confidence: 0.99 })).toThrow(/breaches/);
    expect(() => kupiecTest({ observations: 0, breaches: 0, confidence: 0.99 })).toThrow(/observations/);
    expect(() => kupiecTest({ observations: 10, breaches: 1, confidence: 1 })).toThrow(/confidence/);
  });
});

describe("christoffersenTest", () => {
  it("matches a hand computation of the transition counts and both statistics", () => {
    const hits = [0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0];
    // Transitions: n00 = 10, n01 = 3, n10 = 3, n11 = 3;
    // pi01 = 3/13, pi11 = 3/6, pi = 6/19 -> LR_ind = 1.33581041 (computed by hand from these).
    // LR_pof (5 hits in 20 at 95%) = 12.95042744, so LR_cc = 14.28623786, p = exp(-LR_cc / 2).
    const r = christoffersenTest({ hits, confidence: 0.95 });
    expect([r.n00, r.n01, r.n10, r.n11]).toEqual([10, 3, 3, 3]);
    expect(r.lrIndependence).toBeCloseTo(1.33581041, 7);
    expect(r.pValueIndependence).toBeCloseTo(0.24777416, 7);
    expect(r.lrConditionalCoverage).toBeCloseTo(14.28623786, 7);
    expect(r.pValueConditionalCoverage).toBeCloseTo(Math.exp(-14.28623786 / 2), 9);
    expect(r.reject).toBe(true);
  });

  it("finds no dependence when breaches are spread out", () => {
    const hits = Array.from({ length: 1000 }, (_, i) => (i % 100 === 50 ? 1 : 0));
    const r = christoffersenTest({ hits, confidence: 0.99 });
    expect(r.n11).toBe(0);
    expect(r.reject).toBe(false);
  });

  it("rejects non-binary hits", () => {
    expect(() => christoffersenTest({ hits: [0, 2], confidence: 0.99 })).toThrow(/hits\[1\]/);
  });
});

describe("baselTrafficLight", () => {
  it("reproduces the Basel zones for 250 days at 99% (green 0-4, yellow 5-9, red 10+)", () => {
    const zone = (x: number) => baselTrafficLight({ observations: 250, breaches: x, confidence: 0.99 }).zone;
    expect([0, 4, 5, 9, 10].map(zone)).toEqual(["green", "green", "yellow", "yellow", "red"]);
    // Binomial(250, 0.01) CDF values, as tabulated in BCBS (1996), Table 1.
    expect(binomialCdf({ x: 4, n: 250, p: 0.01 })).toBeCloseTo(0.89218763, 7);
    expect(binomialCdf({ x: 9, n: 250, p: 0.01 })).toBeCloseTo(0.99974981, 7);
  });
});

describe("christoffersenIndependence (from transition counts, pooled over sequences)", () => {
  it("matches the hit-sequence test and a hand computation", () => {
    // 0,0,1,1,0,0,0,1,0: n00 = 3, n01 = 2, n10 = 2, n11 = 1; pi01 = 2/5, pi11 = 1/3, pi = 3/8.
    // ln L0 = 5 ln(5/8) + 3 ln(3/8) = -5.29250591; ln L1 = 3 ln(3/5) + 2 ln(2/5) + 2 ln(2/3) + ln(1/3) = -5.27460084.
    // LR = -2 (ln L0 - ln L1) = 0.03581013.
    const r = christoffersenIndependence({ n00: 3, n01: 2, n10: 2, n11: 1 });
    expect(r.lrIndependence).toBeCloseTo(0.03581013, 7);
    const fromHits = christoffersenTest({ hits: [0, 0, 1, 1, 0, 0, 0, 1, 0], confidence: 0.99 });
    expect(r.lrIndependence).toBeCloseTo(fromHits.lrIndependence, 12);
    expect(r.pValueIndependence).toBeCloseTo(fromHits.pValueIndependence, 12);
    expect(r.clustered).toBe(false);
  });

  it("pools sequences: two accounts' transitions add up, and clustered breaches are flagged", () => {
    // Breaches that follow breaches far more often than calm steps: 40 of 50 after a breach, 10 of 1000 otherwise.
    const r = christoffersenIndependence({ n00: 990, n01: 10, n10: 10, n11: 40 });
    expect(r.pValueIndependence).toBeLessThan(1e-6);
    expect(r.clustered).toBe(true);
    // Breaches that never follow one another are not "clustered" even when the test rejects.
    expect(christoffersenIndependence({ n00: 100, n01: 100, n10: 100, n11: 0 }).clustered).toBe(false);
    expect(() => christoffersenIndependence({ n00: 0, n01: 0, n10: 0, n11: 0 })).toThrow(/no transitions/);
  });
});

describe("trafficLightBounds", () => {
  it("gives the Basel table's zones for 250 observations at 99%: green 0-4, yellow 5-9, red from 10", () => {
    expect(trafficLightBounds({ observations: 250, confidence: 0.99 })).toEqual({
      greenMax: 4,
      yellowMax: 9,
    });
  });

  it("agrees with the zone of every count, for any n (the binomial CDF scaled past where q^n underflows)", () => {
    for (const n of [250, 1000, 12_345, 2_000_000]) {
      const { greenMax, yellowMax } = trafficLightBounds({ observations: n, confidence: 0.99 });
      const zone = (x: number) => baselTrafficLight({ observations: n, breaches: x, confidence: 0.99 }).zone;
      expect([zone(greenMax), zone(greenMax + 1), zone(yellowMax), zone(yellowMax + 1)]).toEqual([
        "green",
        "yellow",
        "yellow",
        "red",
      ]);
    }
  });
});

describe("backtestCoverage", () => {
  it("counts losses beyond the margin held and tests the count", () => {
    // 250 account-days; losses exceed margin on 3 of them (a loss equal to margin is covered).
    const margins = new Float64Array(250).fill(100);
    const losses = new Float64Array(250).fill(50);
    losses[10] = 130;
    losses[20] = 100.5;
    losses[30] = 400;
    losses[40] = 100;
    const r = backtestCoverage({ losses, margins, confidence: 0.99 });
    expect(r.breaches).toBe(3);
    expect(r.coverage).toBeCloseTo(247 / 250, 15);
    expect(r.worstShortfall).toBe(300);
    expect(r.kupiec.breaches).toBe(3);
    expect(r.kupiec.reject).toBe(false);
    expect(r.trafficLight.zone).toBe("green");
  });

  it("rejects mismatched or non-finite inputs", () => {
    expect(() => backtestCoverage({ losses: [1, 2], margins: [1], confidence: 0.99 })).toThrow(
      /2 losses but 1 margins/,
    );
    expect(() => backtestCoverage({ losses: [Number.NaN], margins: [1], confidence: 0.99 })).toThrow(
      /observation 0/,
    );
  });
});
