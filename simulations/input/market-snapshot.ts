/**
 * Market snapshot: per underlying the spot (USD), the ATM implied vol (decimal) and the continuously
 * compounded rate (default 0), all as of one instant.
 * File shape: `{"asOf": ISO, "underlyings": {"BTC": {"spot", "vol", "rate"?}}}`.
 */
import { z } from "zod";
import { parseWith } from "./zod-issue.ts";

export type UnderlyingMarket = { spot: number; vol: number; rate: number };

export type MarketSnapshot = {
  asOf: string;
  /** `asOf` in epoch milliseconds. */
  asOfMs: number;
  underlyings: Record<string, UnderlyingMarket>;
};

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** An ISO date or date-time; a date alone means 00:00 UTC, a date-time without offset means UTC. */
export const isoInstant = z
  .string({ error: "must be an ISO date or date-time string" })
  .refine((s) => ISO_INSTANT.test(s) && Number.isFinite(parseIsoInstant(s)), {
    error: "must be an ISO date or date-time (e.g. 2024-06-01T08:00:00Z)",
  });

export function parseIsoInstant(s: string): number {
  const withZone = /T/.test(s) && !/(Z|[+-]\d{2}:?\d{2})$/.test(s) ? `${s}Z` : s;
  return Date.parse(withZone.length === 10 ? `${withZone}T00:00:00Z` : withZone);
}

const finite = (what: string) =>
  z.number({
    error: (iss) => (iss.input === undefined ? `missing ${what}` : `${what} must be a finite number`),
  });

export const underlyingMarketSchema = z.strictObject({
  // Bounds keep every product in the engine finite (spot x qty x shock stays far below 1e308).
  spot: finite("spot")
    .positive({ error: "spot must be > 0" })
    .min(1e-12, { error: "spot must be at least 1e-12 USD" })
    .max(1e12, { error: "spot must be at most 1e12 USD" }),
  vol: finite("vol").min(0, { error: "vol must be >= 0 (a decimal, 0.6 = 60%)" }).max(10, {
    error: "vol must be <= 10 (a decimal, 0.6 = 60%; did you give percent?)",
  }),
  rate: finite("rate").min(-1).max(1).default(0),
});

export const marketSnapshotSchema = z.object({
  asOf: isoInstant,
  underlyings: z
    .record(
      z.string().regex(/^[A-Z][A-Z0-9_]*$/, { error: "underlying symbols are upper case, e.g. BTC" }),
      underlyingMarketSchema,
    )
    .refine((u) => Object.keys(u).length > 0, { error: "at least one underlying is required" }),
});

export function parseMarketSnapshot(value: unknown): MarketSnapshot {
  const m = parseWith(marketSnapshotSchema, value, "INVALID_INPUT");
  return { asOf: m.asOf, asOfMs: parseIsoInstant(m.asOf), underlyings: m.underlyings };
}
