import { describe, expect, it } from "vitest";
import {
  formatDateTime,
  formatParamValue,
  formatPct,
  formatRelChange,
  formatUsd,
  formatUsdChange,
  relChange,
  shortAddress,
} from "@/app/lib/format.ts";

describe("UI number formatting", () => {
  it("writes USD compactly from $100k and in full below", () => {
    expect(formatUsd(1_400_000)).toBe("$1.4M");
    expect(formatUsd(12_345.6)).toBe("$12,346");
    expect(formatUsd(-250)).toBe("\u2212$250");
    expect(formatUsd(null)).toBe("n/a");
    expect(formatUsd(Number.NaN)).toBe("n/a");
  });

  it("signs changes", () => {
    expect(formatUsdChange(1_400_000)).toBe("+$1.4M");
    expect(formatUsdChange(-3_069)).toBe("\u2212$3,069");
    expect(formatRelChange(-0.12)).toBe("\u221212%");
    expect(formatRelChange(0.034)).toBe("+3.4%");
    expect(formatRelChange(0)).toBe("0%");
    expect(relChange(100, 88)).toBeCloseTo(-0.12, 12);
    expect(relChange(0, 5)).toBeNull();
    expect(formatPct(0.1234)).toBe("12.3%");
  });

  it("shows fractions of something also as percentages, records as lists", () => {
    expect(formatParamValue(0.15, "fraction of spot")).toBe("0.15 (15%)");
    expect(formatParamValue(0.005, "fraction of notional")).toBe("0.005 (0.50%)");
    expect(formatParamValue(2, "x scan range")).toBe("2");
    expect(formatParamValue({ BTC: 0.05, ETH: 0.1 }, "fraction of value")).toBe(
      "BTC 0.05 (5%); ETH 0.1 (10%)",
    );
    expect(formatParamValue(400_000_000, "USD per day")).toBe("$400M");
    expect(formatParamValue(null)).toBe("none");
    expect(formatParamValue("joint")).toBe("joint");
  });

  it("formats dates in UTC whatever the machine's zone (server and browser must agree)", () => {
    expect(formatDateTime(new Date("2026-11-26T01:33:59Z"))).toBe("2026-11-26 01:33 UTC");
    expect(formatDateTime("not a date")).toBe("");
    expect(shortAddress("0x70997970c51812dc3a010c7d01b50e0d17dc79c8")).toBe("0x7099…79c8");
  });
});
