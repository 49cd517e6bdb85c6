import { describe, expect, it } from "vitest";
import { EngineError } from "../../simulations/errors.ts";
import { formatInstrumentName, parseInstrumentName } from "../../simulations/instruments/instrument-name.ts";

describe("parseInstrumentName (Deribit convention)", () => {
  it("parses options with one- and two-digit days, expiring 08:00 UTC", () => {
    expect(parseInstrumentName("BTC-28JUN24-60000-C")).toEqual({
      type: "option",
      underlying: "BTC",
      expiryMs: Date.UTC(2024, 5, 28, 8),
      strike: 60000,
      kind: "call",
      name: "BTC-28JUN24-60000-C",
    });
    const p = parseInstrumentName("ETH-27DEC24-3000-P");
    expect(p).toMatchObject({ type: "option", underlying: "ETH", strike: 3000, kind: "put" });
    expect(new Date((p as { expiryMs: number }).expiryMs).toISOString()).toBe("2024-12-27T08:00:00.000Z");
    const short = parseInstrumentName("BTC-2JUL24-40000-C");
    expect(new Date((short as { expiryMs: number }).expiryMs).toISOString()).toBe("2024-07-02T08:00:00.000Z");
  });

  it("parses decimal strikes written with d (Deribit) or a dot", () => {
    expect(parseInstrumentName("XRP_USDC-28JUN24-0d5-C")).toMatchObject({
      underlying: "XRP_USDC",
      strike: 0.5,
    });
    expect(parseInstrumentName("SOL-28JUN24-152.5-P")).toMatchObject({ strike: 152.5, kind: "put" });
  });

  it("parses perpetuals and dated futures", () => {
    expect(parseInstrumentName("BTC-PERP")).toEqual({ type: "perp", underlying: "BTC", name: "BTC-PERP" });
    expect(parseInstrumentName("ETH-PERPETUAL")).toMatchObject({ type: "perp", underlying: "ETH" });
    expect(parseInstrumentName("BTC-28JUN24")).toEqual({
      type: "future",
      underlying: "BTC",
      expiryMs: Date.UTC(2024, 5, 28, 8),
      name: "BTC-28JUN24",
    });
  });

  it.each([
    ["BTC-28JUN24-60000-X", /unknown instrument format/],
    ["btc-28JUN24-60000-C", /unknown instrument format/],
    ["BTC-28JUN2024-60000-C", /unknown instrument format/],
    ["BTC-123JUN24-60000-C", /unknown instrument format/],
    ["BTC-28XYZ24-60000-C", /unknown month "XYZ"/],
    ["BTC-31FEB24-60000-C", /invalid date 31FEB24/],
    ["BTC-0JUN24-60000-C", /invalid date 0JUN24/],
    ["BTC-28JUN24-0-C", /strike must be positive/],
    ["", /unknown instrument format/],
  ])("rejects %j", (name, reason) => {
    expect(() => parseInstrumentName(name)).toThrow(EngineError);
    expect(() => parseInstrumentName(name)).toThrow(reason);
  });

  it("formats explicit objects as Deribit names that parse back to the same instrument", () => {
    const expiryMs = Date.UTC(2024, 6, 2, 8);
    const option = {
      type: "option" as const,
      underlying: "BTC",
      expiryMs,
      strike: 40000,
      kind: "call" as const,
    };
    const name = formatInstrumentName(option);
    expect(name).toBe("BTC-2JUL24-40000-C");
    expect(parseInstrumentName(name)).toEqual({ ...option, name });
    expect(formatInstrumentName({ ...option, strike: 0.5, kind: "put" })).toBe("BTC-2JUL24-0d5-P");
    expect(formatInstrumentName({ type: "future", underlying: "ETH", expiryMs })).toBe("ETH-2JUL24");
    expect(formatInstrumentName({ type: "perp", underlying: "ETH" })).toBe("ETH-PERP");
  });
});
