import { describe, expect, it } from "vitest";
import { marketStateOn } from "../../simulations/market/market-state.ts";
import {
  calibrateSyntheticModels,
  summarizeCalibration,
} from "../../simulations/scenarios/synthetic-calibration.ts";

describe("calibrateSyntheticModels", () => {
  const cal = calibrateSyntheticModels();

  it("fits every model on the daily returns from 2018 to the last common day", () => {
    expect(cal.symbols).toEqual(["BTC", "ETH"]);
    expect(cal.from).toBe("2018-01-01");
    expect(cal.asOf).toBe("2026-03-27");
    expect(cal.observations).toBe(3008);
    for (const sym of cal.symbols) {
      const a = cal.assets[sym]!;
      // Stationary, fat-tailed GARCH whose long-run vol equals the sample's (variance targeting).
      expect(a.garch.persistence).toBeLessThan(1);
      expect(a.garch.params.nu).toBeGreaterThan(2);
      expect(a.garch.params.nu).toBeLessThan(6);
      expect(a.garch.longRunVolAnnual).toBeGreaterThan(0.5);
      expect(a.garch.longRunVolAnnual).toBeLessThan(1);
      expect(a.merton.jumpsPerYear).toBeGreaterThan(1);
      expect(a.merton.params.sigmaJ).toBeGreaterThan(a.merton.params.sigma);
      expect(a.start.ivFromDvol).toBe(true);
    }
    // BTC and ETH move together: ~0.83 on daily returns.
    expect(cal.returnCorrelation[0]![1]).toBeGreaterThan(0.75);
    expect(cal.returnCorrelation[0]![1]).toBeLessThan(0.9);
  });

  it("starts from the market state of its last day", () => {
    const m = marketStateOn({ symbols: ["BTC", "ETH"] });
    expect(m.date).toBe(cal.asOf);
    expect(cal.assets.BTC!.start.spot).toBe(m.assets.BTC!.spot);
    expect(cal.assets.ETH!.start.iv).toBe(m.assets.ETH!.iv);
  });

  it("can be calibrated as of a past day, e.g. the eve of a crash", () => {
    const eve = calibrateSyntheticModels({ asOf: "2022-11-07" });
    expect(eve.asOf).toBe("2022-11-07");
    expect(eve.assets.BTC!.start.spot).toBe(20602.82);
    expect(eve.assets.BTC!.start.iv).toBeCloseTo(0.5948, 12);
  });

  it("summarises to plain JSON numbers", () => {
    const s = summarizeCalibration(cal);
    const json = JSON.parse(JSON.stringify(s));
    expect(json.assets.BTC.garch.alpha).toBeCloseTo(cal.assets.BTC!.garch.params.alpha, 15);
    expect(json.assets.ETH.merton.lambda).toBeCloseTo(cal.assets.ETH!.merton.params.lambda, 15);
    expect(json.assets.BTC.ivProxy.r2).toBeGreaterThan(0.75);
    expect(JSON.stringify(s).length).toBeLessThan(20_000); // no per-day arrays
  });

  it("rejects bad dates", () => {
    expect(() => calibrateSyntheticModels({ asOf: "2022-13-01" })).toThrow(/asOf must be YYYY-MM-DD/);
    expect(() => calibrateSyntheticModels({ from: "2022-01-01", asOf: "2022-03-01" })).toThrow(
      /at least 250 days/,
    );
  });
});
