import { describe, expect, it } from "vitest";
import {
  getStressWindow,
  historicalWindowPath,
  pathRows,
  STRESS_WINDOW_IDS,
  STRESS_WINDOWS,
} from "../../simulations/scenarios/windows.ts";

describe("stress windows", () => {
  it("have exactly the agreed ids, each with a title and a one-line description", () => {
    expect(STRESS_WINDOWS.map((w) => w.id)).toEqual([
      "2020-03-black-thursday",
      "2021-05-crash",
      "2022-05-luna",
      "2022-06-3ac-celsius",
      "2022-11-ftx",
      "2024-08-yen-carry",
      "rolling-2018",
    ]);
    expect([...STRESS_WINDOW_IDS]).toEqual(STRESS_WINDOWS.map((w) => w.id));
    for (const w of STRESS_WINDOWS) {
      expect(w.title.length).toBeGreaterThan(5);
      expect(w.description).not.toMatch(/\n/);
      expect(w.description.length).toBeGreaterThan(20);
    }
    expect(getStressWindow("2020-03-black-thursday").shockDate).toBe("2020-03-12");
    expect(getStressWindow("2021-05-crash").shockDate).toBe("2021-05-19");
    expect(getStressWindow("2024-08-yen-carry").shockDate).toBe("2024-08-05");
  });

  it("span days before and after each shock", () => {
    for (const w of STRESS_WINDOWS.filter((x) => x.shockDate)) {
      const p = historicalWindowPath({ id: w.id });
      expect(p.dates[0]! < w.shockDate!).toBe(true);
      expect(p.dates[p.dates.length - 1]! > w.shockDate!).toBe(true);
      expect(p.dates[p.shockStep]).toBe(w.shockDate);
      expect(p.shockStep).toBeGreaterThanOrEqual(14);
      expect(p.dates.length - 1 - p.shockStep).toBeGreaterThanOrEqual(21);
    }
  });

  it("show the -37% BTC and -42% ETH move of 2020-03-12 with a proxy implied vol", () => {
    const p = historicalWindowPath({ id: "2020-03-black-thursday" });
    const i = p.shockStep;
    // Closes 7,911.43 -> 4,970.79 and 194.87 -> 112.35 (SOURCES.md crash table).
    expect(p.spot.BTC![i]! / p.spot.BTC![i - 1]! - 1).toBeCloseTo(4970.79 / 7911.43 - 1, 12);
    expect(p.spot.BTC![i]! / p.spot.BTC![i - 1]! - 1).toBeCloseTo(-0.3717, 4);
    expect(p.spot.ETH![i]! / p.spot.ETH![i - 1]! - 1).toBeCloseTo(-0.4235, 4);
    // No DVOL in 2020: the proxy is used, and it jumps with the crash.
    expect(p.ivFromDvol.BTC![i]).toBe(0);
    expect(p.iv.BTC![i]!).toBeGreaterThan(1.5 * p.iv.BTC![i - 1]!);
  });

  it("uses DVOL where it exists", () => {
    const p = historicalWindowPath({ id: "2022-11-ftx" });
    const rows = pathRows(p);
    const ftx = rows.find((r) => r.date === "2022-11-09")!;
    expect(ftx.spot.BTC).toBe(15880.78);
    expect(ftx.iv.BTC).toBeCloseTo(1.1472, 12);
    expect(ftx.iv.ETH).toBeCloseTo(1.5393, 12);
    expect(p.ivFromDvol.ETH!.every((v) => v === 1)).toBe(true);
  });

  it("inserts the intraday high and low on crash days when asked", () => {
    const p = historicalWindowPath({ id: "2021-05-crash", intraday: "crash-days" });
    const i = p.shockStep;
    expect(p.phase.slice(i - 2, i + 1)).toEqual(["intraday-high", "intraday-low", "close"]);
    expect(p.spot.BTC![i - 1]).toBe(30681.5); // Yahoo low of 2021-05-19
    expect(p.spot.ETH![i - 1]).toBe(1952.46);
    expect(p.timeDays[i - 1]! - p.timeDays[i - 3]!).toBeCloseTo(2 / 3, 12);
  });

  it("walks the rolling history from 2018 weekly, ending on the last day", () => {
    const daily = historicalWindowPath({ id: "rolling-2018" });
    const weekly = historicalWindowPath({ id: "rolling-2018", stepDays: 7 });
    expect(daily.dates[0]).toBe("2018-01-01");
    expect(weekly.dates[1]).toBe("2018-01-08");
    expect(weekly.dates[weekly.dates.length - 1]).toBe(daily.dates[daily.dates.length - 1]);
    expect(weekly.dates.length).toBe(
      Math.ceil(daily.dates.length / 7) + ((daily.dates.length - 1) % 7 === 0 ? 0 : 1),
    );
    expect(daily.shockStep).toBe(-1);
  });

  it("names the valid ids for an unknown one", () => {
    expect(() => historicalWindowPath({ id: "2008-lehman" })).toThrow(
      /unknown stress window "2008-lehman"; valid ids: 2020-03-black-thursday, /,
    );
  });
});
