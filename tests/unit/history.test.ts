import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { KNOWN_BAD_CLOSES } from "../../simulations/market/bad-closes.ts";
import { readDailyOhlcCsv, readDailyValueCsv } from "../../simulations/market/daily-csv.ts";
import { historyFiles, jointDailyReturns, loadDailySeries } from "../../simulations/market/history.ts";

const at = (dates: string[], day: string) => {
  const i = dates.indexOf(day);
  if (i < 0) throw new Error(`missing ${day}`);
  return i;
};

describe("loadDailySeries", () => {
  it("loads BTC closes and DVOL as decimals on consecutive UTC days", () => {
    const s = loadDailySeries("BTC");
    expect(s.symbol).toBe("BTC");
    expect(s.dates[0]).toBe("2014-09-17");
    expect(s.dates.length).toBe(4210);
    expect(s.close.length).toBe(s.dates.length);
    expect(s.dvol.length).toBe(s.dates.length);
    // Values read straight from the CSVs (SOURCES.md crash table); exact because nothing is computed.
    expect(s.close[at(s.dates, "2020-03-12")]).toBe(4970.79);
    expect(s.dvol[at(s.dates, "2021-05-19")]).toBeCloseTo(1.2483, 12);
    expect(s.dvol[at(s.dates, "2024-12-31")]).toBeCloseTo(0.6003, 12);
    expect(Number.isNaN(s.dvol[at(s.dates, "2021-03-23")])).toBe(true);
    expect(Number.isNaN(s.dvol[at(s.dates, "2021-03-24")])).toBe(false);
  });

  it("corrects the known bad Yahoo close of 2021-12-14 with the next day's open", () => {
    const s = loadDailySeries("BTC");
    const i = at(s.dates, "2021-12-14");
    // Yahoo close 46,612.63 is replaced by the 2021-12-15 open 48,379.75 (Coinbase closed at 48,367.43).
    expect(s.close[i]).toBe(48379.75);
    expect(s.close[i + 1]).toBe(48896.72);
    // The next day's return shrinks from the spurious +4.8% to +1.06%, as Coinbase shows (+1.07%).
    const ret = Math.log((s.close[i + 1] as number) / (s.close[i] as number));
    expect(ret).toBeCloseTo(Math.log(48896.72 / 48379.75), 14);
    expect(ret).toBeCloseTo(Math.log(48884.78 / 48367.43), 3);
  });

  it("keeps the bad-close list equal to the days the raw files actually show", () => {
    // SOURCES.md lists days whose close differs from the next open by more than 1%; recompute them.
    for (const sym of ["BTC", "ETH"]) {
      const raw = readDailyOhlcCsv(historyFiles(sym).prices);
      const found: string[] = [];
      for (let i = 0; i + 1 < raw.dates.length; i++) {
        if (Math.abs((raw.open[i + 1] as number) / (raw.close[i] as number) - 1) > 0.01) {
          found.push(raw.dates[i] as string);
        }
      }
      expect(found).toEqual(KNOWN_BAD_CLOSES[sym]);
      const s = loadDailySeries(sym);
      for (const d of found) {
        const i = at(s.dates, d);
        expect(s.close[i]).toBe(raw.open[i + 1]);
      }
    }
  });

  it("is case-insensitive and cached", () => {
    expect(loadDailySeries("eth")).toBe(loadDailySeries("ETH"));
  });

  it("throws an error naming the symbol when there is no history", () => {
    expect(() => loadDailySeries("SOL")).toThrow(/SOL/);
    expect(() => loadDailySeries("../etc")).toThrow(/no market history for symbol "\.\.\/etc"/);
  });
});

describe("daily CSV validation", () => {
  const dir = mkdtempSync(join(tmpdir(), "marginlab-csv-"));
  const write = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  const header = "date,open,high,low,close\n";

  it("names file, line and reason", () => {
    const cases: Array<[string, RegExp]> = [
      ["date,open,close\n2020-01-01,1,1\n", /bad\.csv:1: expected header/],
      [
        `${header}2020-01-01,1,2,1,1\n2020-01-03,1,2,1,1\n`,
        /bad\.csv:3: missing day\(s\) between 2020-01-01 and 2020-01-03/,
      ],
      [`${header}2020-01-02,1,2,1,1\n2020-01-01,1,2,1,1\n`, /bad\.csv:3: .*not after/],
      [`${header}2020-02-30,1,2,1,1\n`, /bad\.csv:2: date is not a valid/],
      [`${header}2020-01-01,1,2,1,abc\n`, /bad\.csv:2: close is not a plain decimal/],
      [`${header}2020-01-01,1,2,1,0\n`, /bad\.csv:2: close must be a positive/],
      [`${header}2020-01-01,1,2,1\n`, /bad\.csv:2: expected 5 columns, got 4/],
      [`${header}2020-01-01,1,2,1.5,1\n`, /bad\.csv:2: inconsistent OHLC/],
      [header, /bad\.csv:1: no data rows/],
    ];
    for (const [text, re] of cases) expect(() => readDailyOhlcCsv(write("bad.csv", text))).toThrow(re);
  });

  it("accepts CRLF line ends and reads value files", () => {
    const p = write("v.csv", "date,dvol\r\n2021-01-01,50.5\r\n2021-01-02,51\r\n");
    const v = readDailyValueCsv(p, "dvol");
    expect(v.dates).toEqual(["2021-01-01", "2021-01-02"]);
    expect(Array.from(v.values)).toEqual([50.5, 51]);
  });
});

describe("jointDailyReturns", () => {
  it("returns aligned log returns ending at endDate, showing the 2020-03-12 crash", () => {
    const j = jointDailyReturns(["BTC", "ETH"], { days: 3, endDate: "2020-03-13" });
    expect(j.dates).toEqual(["2020-03-11", "2020-03-12", "2020-03-13"]);
    const btc = j.returns.BTC as Float64Array;
    // ln(4970.79 / 7911.43): exact up to floating-point rounding of log.
    expect(btc[1]).toBeCloseTo(Math.log(4970.79 / 7911.43), 14);
    expect(Math.exp(btc[1] as number) - 1).toBeCloseTo(-0.3717, 3);
    expect((j.returns.ETH as Float64Array)[1]).toBeCloseTo(Math.log(112.35 / 194.87), 14);
  });

  it("uses the common range and the last day by default", () => {
    const j = jointDailyReturns(["BTC", "ETH"], { days: 10 });
    expect(j.dates.at(-1)).toBe("2026-03-27");
    const all = jointDailyReturns(["ETH", "BTC"], { days: 3060 });
    expect(all.dates[0]).toBe("2017-11-10"); // first return after ETH's first day
  });

  it("errors when fewer returns are available or arguments are bad", () => {
    expect(() => jointDailyReturns(["BTC", "ETH"], { days: 3061 })).toThrow(/only 3060 common daily returns/);
    expect(() => jointDailyReturns(["BTC"], { days: 5, endDate: "2014-09-20" })).toThrow(/only 3/);
    expect(() => jointDailyReturns(["BTC"], { days: 0 })).toThrow(/days must be a positive integer/);
    expect(() => jointDailyReturns(["BTC"], { days: 1, endDate: "2020/01/01" })).toThrow(/endDate/);
    expect(() => jointDailyReturns(["BTC", "DOGE"], { days: 1 })).toThrow(/DOGE/);
  });
});
