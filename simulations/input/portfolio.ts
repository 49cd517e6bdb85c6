/**
 * Portfolio file: collateral (a USD number or a list of `{asset, amount}`) and positions, each either
 * a Deribit-style name (`{"instrument": "BTC-28JUN24-60000-C", "qty": -2, "iv"?: 0.55}`) or an
 * explicit object (`{"type": "option", "underlying", "expiry", "strike", "kind", "qty", "iv"?}`,
 * `{"type": "perp", "underlying", "qty"}`, `{"type": "future", "underlying", "expiry", "qty"}`).
 * Explicit objects get a Deribit-style name that the report echoes.
 */
import { z } from "zod";
import { EngineError } from "../errors.ts";
import type { Instrument } from "../instruments/instrument.ts";
import {
  EXPIRY_HOUR_UTC,
  formatInstrumentName,
  parseInstrumentName,
} from "../instruments/instrument-name.ts";
import { isoInstant, parseIsoInstant } from "./market-snapshot.ts";
import { parseWith } from "./zod-issue.ts";

export type Position = {
  instrument: Instrument;
  qty: number;
  /** Mark implied vol of this position (decimal), overriding the underlying's ATM vol. */
  iv?: number;
};

export type CollateralHolding = { asset: string; amount: number };

export type Portfolio = { collateral: CollateralHolding[]; positions: Position[] };

/** Sizes beyond these are input errors, and keep every product in the engine finite. */
export const MAX_ABS_QTY = 1e12;
export const MAX_COLLATERAL_USD = 1e15;

const qty = z
  .number({ error: "qty must be a finite number" })
  .min(-MAX_ABS_QTY, { error: `qty must be within +-${MAX_ABS_QTY}` })
  .max(MAX_ABS_QTY, { error: `qty must be within +-${MAX_ABS_QTY}` });
const iv = z
  .number({ error: "iv must be a finite number" })
  .min(0, { error: "iv must be >= 0 (a decimal, 0.6 = 60%)" })
  .max(10, { error: "iv must be <= 10 (a decimal; did you give percent?)" })
  .optional();
const symbol = z.string().regex(/^[A-Z][A-Z0-9_]*$/, { error: "must be an upper-case symbol, e.g. BTC" });

const namedPosition = z.strictObject({ instrument: z.string({ error: "must be a string" }), qty, iv });
const explicitPosition = z.discriminatedUnion(
  "type",
  [
    z.strictObject({
      type: z.literal("option"),
      underlying: symbol,
      expiry: isoInstant,
      strike: z
        .number({ error: "strike must be a finite number" })
        .positive({ error: "strike must be > 0" })
        .max(1e12, { error: "strike must be at most 1e12 USD" }),
      kind: z.enum(["call", "put"], { error: 'kind must be "call" or "put"' }),
      qty,
      iv,
    }),
    z.strictObject({ type: z.literal("perp"), underlying: symbol, qty }),
    z.strictObject({ type: z.literal("future"), underlying: symbol, expiry: isoInstant, qty }),
  ],
  { error: 'type must be "option", "perp" or "future"' },
);

const collateralSchema = z.union(
  [
    z
      .number()
      .min(-MAX_COLLATERAL_USD, { error: `collateral must be within +-${MAX_COLLATERAL_USD} USD` })
      .max(MAX_COLLATERAL_USD, { error: `collateral must be within +-${MAX_COLLATERAL_USD} USD` }),
    z.array(
      z.strictObject({
        asset: symbol,
        amount: z
          .number({ error: "amount must be a finite number" })
          .min(0, { error: "amount must be >= 0" })
          .max(MAX_COLLATERAL_USD, { error: `amount must be at most ${MAX_COLLATERAL_USD}` }),
      }),
    ),
  ],
  { error: 'collateral must be a USD number or a list of {"asset", "amount"}' },
);

/**
 * Positions one portfolio may hold. The whole listed BTC and ETH option and future chains are a few thousand
 * instruments, so a real account stays far below; 1.4 million positions (a 50 MB file) took 1.27 GB to margin.
 */
export const MAX_POSITIONS = 10_000;
/** A portfolio file's largest size: MAX_POSITIONS pretty-printed positions take about 2 MiB. */
export const MAX_PORTFOLIO_FILE_BYTES = 4 * 1024 * 1024;

const portfolioSchema = z.object({
  collateral: collateralSchema.default(0),
  positions: z.array(z.unknown(), { error: "positions must be an array" }).max(MAX_POSITIONS, {
    error: (i) => `at most ${MAX_POSITIONS} positions (this file has ${(i.input as unknown[]).length})`,
  }),
});

/** A date alone means Deribit's 08:00 UTC expiry on that date. */
function expiryMs(text: string): number {
  return text.length === 10
    ? Date.UTC(+text.slice(0, 4), +text.slice(5, 7) - 1, +text.slice(8, 10), EXPIRY_HOUR_UTC)
    : parseIsoInstant(text);
}

function parsePosition(value: unknown, index: number): Position {
  const path = ["positions", index];
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new EngineError({ code: "INVALID_INPUT", path, reason: "a position must be an object" });
  }
  if ("instrument" in value) {
    const p = parseWith(namedPosition, value, "INVALID_INPUT", path);
    let instrument: Instrument;
    try {
      instrument = parseInstrumentName(p.instrument);
    } catch (e) {
      throw e instanceof EngineError ? e.under([...path, "instrument"]) : e;
    }
    return p.iv === undefined ? { instrument, qty: p.qty } : { instrument, qty: p.qty, iv: p.iv };
  }
  if (!("type" in value)) {
    throw new EngineError({
      code: "INVALID_INPUT",
      path,
      reason:
        'a position needs "instrument" (a name like BTC-28JUN24-60000-C) or "type" (option, perp, future)',
    });
  }
  const p = parseWith(explicitPosition, value, "INVALID_INPUT", path);
  switch (p.type) {
    case "option": {
      const core = {
        type: "option" as const,
        underlying: p.underlying,
        expiryMs: expiryMs(p.expiry),
        strike: p.strike,
        kind: p.kind,
      };
      const instrument = { ...core, name: formatInstrumentName(core) };
      return p.iv === undefined ? { instrument, qty: p.qty } : { instrument, qty: p.qty, iv: p.iv };
    }
    case "perp":
      return {
        instrument: { type: "perp", underlying: p.underlying, name: formatInstrumentName(p) },
        qty: p.qty,
      };
    case "future": {
      const core = { type: "future" as const, underlying: p.underlying, expiryMs: expiryMs(p.expiry) };
      return { instrument: { ...core, name: formatInstrumentName(core) }, qty: p.qty };
    }
  }
}

export function parsePortfolio(value: unknown): Portfolio {
  const raw = parseWith(portfolioSchema, value, "INVALID_INPUT");
  const collateral =
    typeof raw.collateral === "number" ? [{ asset: "USD", amount: raw.collateral }] : raw.collateral;
  return { collateral, positions: raw.positions.map(parsePosition) };
}
