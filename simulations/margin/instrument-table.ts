/**
 * The instrument universe bound to a market snapshot, as struct-of-arrays: each distinct instrument
 * (an instrument name plus the mark vol it is priced at) appears once, whatever the number of
 * positions or accounts holding it. Kernels index it by instrument number.
 */
import type { MarketSnapshot } from "../input/market-snapshot.ts";
import type { Instrument } from "../instruments/instrument.ts";
import { DAYS_PER_YEAR, yearsBetween } from "../pricing/year-fraction.ts";

export const KIND_CALL = 0;
export const KIND_PUT = 1;
export const KIND_LINEAR = 2;

export type InstrumentTable = {
  count: number;
  /** Distinct underlying symbols, in order of first appearance. */
  underlyings: string[];
  instruments: Instrument[];
  kind: Uint8Array;
  /** Index into `underlyings`. */
  underlying: Int32Array;
  spot: Float64Array;
  /** Implied vol the instrument is marked at (position iv, else the underlying's ATM vol). */
  vol: Float64Array;
  rate: Float64Array;
  /** Strike (0 for linear instruments). */
  strike: Float64Array;
  /** Years to expiry from the snapshot (0 for perps and spot). */
  years: Float64Array;
};

export type UniverseEntry = { instrument: Instrument; iv?: number };

/** Why an instrument cannot be priced against this market, or null if it can. */
export function instrumentProblem(market: MarketSnapshot, instrument: Instrument): string | null {
  if (!Object.hasOwn(market.underlyings, instrument.underlying)) {
    const have = Object.keys(market.underlyings).join(", ");
    return `underlying ${instrument.underlying} is not in the market snapshot (it has ${have})`;
  }
  if ((instrument.type === "option" || instrument.type === "future") && instrument.expiryMs < market.asOfMs) {
    return `${instrument.name} expired at ${new Date(instrument.expiryMs).toISOString()}, before the market asOf ${market.asOf}`;
  }
  return null;
}

/** Key under which positions share one risk-array row. */
export function universeKey(entry: UniverseEntry): string {
  return entry.iv === undefined ? entry.instrument.name : `${entry.instrument.name}@${entry.iv}`;
}

/**
 * Bind distinct instruments to the market. Throws an Error naming the entry for an instrument that
 * cannot be priced; callers that know the file and field check `instrumentProblem` first.
 */
export function buildInstrumentTable(args: {
  market: MarketSnapshot;
  entries: readonly UniverseEntry[];
}): InstrumentTable {
  const { market, entries } = args;
  const n = entries.length;
  const t: InstrumentTable = {
    count: n,
    underlyings: [],
    instruments: [],
    kind: new Uint8Array(n),
    underlying: new Int32Array(n),
    spot: new Float64Array(n),
    vol: new Float64Array(n),
    rate: new Float64Array(n),
    strike: new Float64Array(n),
    years: new Float64Array(n),
  };
  const underlyingIndex = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const { instrument, iv } = entries[i]!;
    const problem = instrumentProblem(market, instrument);
    if (problem) throw new Error(`instrument ${i} (${instrument.name}): ${problem}`);
    const m = market.underlyings[instrument.underlying]!;
    let u = underlyingIndex.get(instrument.underlying);
    if (u === undefined) {
      u = t.underlyings.length;
      underlyingIndex.set(instrument.underlying, u);
      t.underlyings.push(instrument.underlying);
    }
    t.instruments.push(instrument);
    t.underlying[i] = u;
    t.spot[i] = m.spot;
    t.vol[i] = iv ?? m.vol;
    t.rate[i] = m.rate;
    if (instrument.type === "option") {
      t.kind[i] = instrument.kind === "call" ? KIND_CALL : KIND_PUT;
      t.strike[i] = instrument.strike;
      t.years[i] = Math.max(0, yearsBetween(market.asOfMs, instrument.expiryMs));
    } else {
      t.kind[i] = KIND_LINEAR;
      t.years[i] =
        instrument.type === "future" ? Math.max(0, yearsBetween(market.asOfMs, instrument.expiryMs)) : 0;
    }
  }
  return t;
}

/** Days to expiry of instrument i (for tenor scaling of vol shocks). */
export function daysToExpiry(table: InstrumentTable, i: number): number {
  return table.years[i]! * DAYS_PER_YEAR;
}
