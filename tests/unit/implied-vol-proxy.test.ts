import { describe, expect, it } from "vitest";
import { loadDailySeries } from "../../simulations/market/history.ts";
import {
  calibrateImpliedVolProxy,
  impliedVolHistory,
  proxyImpliedVol,
} from "../../simulations/market/implied-vol-proxy.ts";
import { ewmaRealizedVol } from "../../simulations/market/realized-vol.ts";

describe("implied-vol proxy", () => {
  it("is calibrated on the DVOL overlap and explains most of it", () => {
    for (const sym of ["BTC", "ETH"]) {
      const c = calibrateImpliedVolProxy(sym);
      expect(c.overlapStart).toBe("2021-03-24");
      expect(c.observations).toBeGreaterThan(1800);
      // Measured on this data: R^2 0.83 (BTC) and 0.82 (ETH); RMSE 7.7 and 10.3 vol points.
      expect(c.r2).toBeGreaterThan(0.75);
      expect(c.rmseVol).toBeLessThan(0.12);
      expect(c.slope).toBeGreaterThan(0.7);
      expect(c.slope).toBeLessThan(1.3);
      expect(Math.abs(c.biasVol)).toBeLessThan(0.02);
    }
  });

  it("uses DVOL where it exists and the proxy before, continuous at the junction", () => {
    const h = impliedVolHistory("BTC");
    const s = loadDailySeries("BTC");
    const j = h.dates.indexOf("2021-03-24");
    expect(h.fromDvol[j]).toBe(1);
    expect(h.fromDvol[j - 1]).toBe(0);
    expect(h.iv[j]).toBe(s.dvol[j]);
    expect(h.iv[j - 1]).toBeCloseTo(proxyImpliedVol(h.calibration, h.realizedVol[j - 1]!), 14);
    // The proxy on 2021-03-23 and DVOL on 2021-03-24 differ by less than the proxy's RMSE.
    expect(Math.abs(h.iv[j]! - h.iv[j - 1]!)).toBeLessThan(h.calibration.rmseVol);
    for (let i = 0; i < h.iv.length; i++) expect(h.iv[i]! > 0 && Number.isFinite(h.iv[i]!)).toBe(true);
  });

  it("computes the EWMA realized vol by its recursion", () => {
    const close = Float64Array.of(100, 110, 99, 99, 120);
    const lambda = 0.9;
    const vol = ewmaRealizedVol({ close, lambda, warmupDays: 2 });
    const r = [1, 2, 3, 4].map((i) => Math.log(close[i]! / close[i - 1]!));
    let v = (r[0]! ** 2 + r[1]! ** 2) / 2;
    expect(vol[0]).toBeCloseTo(Math.sqrt(365 * v), 14);
    for (let i = 1; i < 5; i++) {
      v = lambda * v + (1 - lambda) * r[i - 1]! ** 2;
      expect(vol[i]).toBeCloseTo(Math.sqrt(365 * v), 14);
    }
  });
});
