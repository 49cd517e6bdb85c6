/**
 * Deribit instrument names: `BTC-28JUN24-60000-C` (option), `BTC-PERPETUAL` / `BTC-PERP` (perpetual),
 * `BTC-28JUN24` (dated future). The day has one or two digits; expiry is 08:00 UTC on that date
 * (Deribit's settlement time). Strikes may carry decimals written with `.` or Deribit's `d`
 * (`XRP_USDC-28JUN24-0d5-C`).
 */
import { EngineError } from "../errors.ts";
import type { Instrument } from "./instrument.ts";

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
/** Deribit options and futures settle at 08:00 UTC on the expiry date. */
export const EXPIRY_HOUR_UTC = 8;

const OPTION = /^([A-Z][A-Z0-9_]*)-(\d{1,2})([A-Z]{3})(\d{2})-(\d+(?:[.d]\d+)?)-([CP])$/;
const FUTURE = /^([A-Z][A-Z0-9_]*)-(\d{1,2})([A-Z]{3})(\d{2})$/;
const PERP = /^([A-Z][A-Z0-9_]*)-(PERP|PERPETUAL)$/;

/** Epoch ms of 08:00 UTC on a Deribit date code, or an EngineError naming what is wrong. */
function expiryFromCode(name: string, day: string, mon: string, yy: string): number {
  const month = MONTHS.indexOf(mon);
  if (month < 0) {
    throw new EngineError({
      code: "UNKNOWN_INSTRUMENT",
      reason: `unknown month "${mon}" in instrument "${name}" (expected JAN..DEC)`,
    });
  }
  const year = 2000 + Number(yy);
  const d = Number(day);
  const ms = Date.UTC(year, month, d, EXPIRY_HOUR_UTC);
  if (new Date(ms).getUTCDate() !== d || d === 0) {
    throw new EngineError({
      code: "UNKNOWN_INSTRUMENT",
      reason: `invalid date ${day}${mon}${yy} in instrument "${name}"`,
    });
  }
  return ms;
}

/** Parse a Deribit-style instrument name; throws EngineError (UNKNOWN_INSTRUMENT) on anything else. */
export function parseInstrumentName(name: string): Instrument {
  const upper = name.trim();
  let m = OPTION.exec(upper);
  if (m) {
    const [, underlying, day, mon, yy, strikeText, cp] = m as unknown as string[];
    const strike = Number(strikeText!.replace("d", "."));
    if (!(strike > 0) || !(strike <= 1e12)) {
      throw new EngineError({
        code: "UNKNOWN_INSTRUMENT",
        reason: `strike must be positive and at most 1e12 in "${name}"`,
      });
    }
    return {
      type: "option",
      underlying: underlying!,
      expiryMs: expiryFromCode(name, day!, mon!, yy!),
      strike,
      kind: cp === "C" ? "call" : "put",
      name,
    };
  }
  m = PERP.exec(upper);
  if (m) return { type: "perp", underlying: m[1]!, name };
  m = FUTURE.exec(upper);
  if (m) {
    const [, underlying, day, mon, yy] = m as unknown as string[];
    return { type: "future", underlying: underlying!, expiryMs: expiryFromCode(name, day!, mon!, yy!), name };
  }
  throw new EngineError({
    code: "UNKNOWN_INSTRUMENT",
    reason: `unknown instrument format "${name}" (expected e.g. BTC-28JUN24-60000-C, BTC-PERP or BTC-28JUN24)`,
  });
}

/** Deribit date code of an expiry instant: `28JUN24`, `2JUL24` (no leading zero, as Deribit writes it). */
export function expiryCode(expiryMs: number): string {
  const d = new Date(expiryMs);
  const yy = String(d.getUTCFullYear() % 100).padStart(2, "0");
  return `${d.getUTCDate()}${MONTHS[d.getUTCMonth()]}${yy}`;
}

/** Deribit strike text: integers as is, decimals with `d` (Deribit's own convention for names). */
function strikeText(strike: number): string {
  return Number.isInteger(strike) ? String(strike) : String(strike).replace(".", "d");
}

/** A Deribit-style name for an instrument given as an explicit object. */
export function formatInstrumentName(
  instrument:
    | { type: "option"; underlying: string; expiryMs: number; strike: number; kind: "call" | "put" }
    | { type: "future"; underlying: string; expiryMs: number }
    | { type: "perp"; underlying: string },
): string {
  switch (instrument.type) {
    case "option":
      return `${instrument.underlying}-${expiryCode(instrument.expiryMs)}-${strikeText(instrument.strike)}-${
        instrument.kind === "call" ? "C" : "P"
      }`;
    case "future":
      return `${instrument.underlying}-${expiryCode(instrument.expiryMs)}`;
    case "perp":
      return `${instrument.underlying}-PERP`;
  }
}
