/**
 * The instruments one simulated path has listed so far: options opened or rolled into, perpetuals,
 * and spot collateral, each once, indexed from 0. Accounts refer to rows by index; rows are never
 * removed (an expired option simply stops being held), so indices stay valid for the whole path.
 */
import type { Instrument } from "../instruments/instrument.ts";
import { formatInstrumentName } from "../instruments/instrument-name.ts";

export const ROW_CALL = 0;
export const ROW_PUT = 1;
export const ROW_PERP = 2;
export const ROW_SPOT = 3;

export type InstrumentRegistry = {
  /** Underlying symbols; index u is the row of the path's spot / vol arrays. */
  underlyings: readonly string[];
  instruments: Instrument[];
  kind: number[];
  underlying: number[];
  strike: number[];
  /** Expiry in epoch ms (Infinity for perps and spot). */
  expiryMs: number[];
  keys: Map<string, number>;
};

export function createRegistry(underlyings: readonly string[]): InstrumentRegistry {
  return {
    underlyings,
    instruments: [],
    kind: [],
    underlying: [],
    strike: [],
    expiryMs: [],
    keys: new Map(),
  };
}

export function cloneRegistry(r: InstrumentRegistry): InstrumentRegistry {
  return {
    underlyings: r.underlyings,
    instruments: [...r.instruments],
    kind: [...r.kind],
    underlying: [...r.underlying],
    strike: [...r.strike],
    expiryMs: [...r.expiryMs],
    keys: new Map(r.keys),
  };
}

function add(r: InstrumentRegistry, key: string, row: Omit<Parameters<typeof push>[1], "key">): number {
  const hit = r.keys.get(key);
  if (hit !== undefined) return hit;
  return push(r, { ...row, key });
}

function push(
  r: InstrumentRegistry,
  row: { key: string; instrument: Instrument; kind: number; u: number; strike: number; expiryMs: number },
): number {
  const i = r.instruments.length;
  r.instruments.push(row.instrument);
  r.kind.push(row.kind);
  r.underlying.push(row.u);
  r.strike.push(row.strike);
  r.expiryMs.push(row.expiryMs);
  r.keys.set(row.key, i);
  return i;
}

function underlyingIndex(r: InstrumentRegistry, symbol: string): number {
  const u = r.underlyings.indexOf(symbol);
  if (u < 0) throw new Error(`path has no market for ${symbol} (it has ${r.underlyings.join(", ")})`);
  return u;
}

export function optionRow(
  r: InstrumentRegistry,
  args: { underlying: string; kind: "call" | "put"; strike: number; expiryMs: number },
): number {
  const u = underlyingIndex(r, args.underlying);
  const core = {
    type: "option" as const,
    underlying: args.underlying,
    expiryMs: args.expiryMs,
    strike: args.strike,
    kind: args.kind,
  };
  const name = formatInstrumentName(core);
  return add(r, name, {
    instrument: { ...core, name },
    kind: args.kind === "call" ? ROW_CALL : ROW_PUT,
    u,
    strike: args.strike,
    expiryMs: args.expiryMs,
  });
}

export function perpRow(r: InstrumentRegistry, underlying: string): number {
  const u = underlyingIndex(r, underlying);
  const name = `${underlying}-PERPETUAL`;
  return add(r, name, {
    instrument: { type: "perp", underlying, name },
    kind: ROW_PERP,
    u,
    strike: 0,
    expiryMs: Number.POSITIVE_INFINITY,
  });
}

export function spotRow(r: InstrumentRegistry, asset: string): number {
  const u = underlyingIndex(r, asset);
  const name = `${asset} collateral`;
  return add(r, name, {
    instrument: { type: "spot", underlying: asset, name },
    kind: ROW_SPOT,
    u,
    strike: 0,
    expiryMs: Number.POSITIVE_INFINITY,
  });
}
