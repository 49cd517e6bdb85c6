/**
 * Instruments the engine prices. Options are European, USD-settled (linear); perpetuals and dated
 * futures are valued at the underlying spot (linear, no basis). `spot` is a collateral holding of the
 * underlying itself, treated like a linear instrument so it moves with its underlying in every scenario.
 */
import type { OptionKind } from "../pricing/black-scholes.ts";

export type OptionInstrument = {
  type: "option";
  underlying: string;
  /** Expiry instant in epoch milliseconds (Deribit: 08:00 UTC on the expiry date). */
  expiryMs: number;
  strike: number;
  kind: OptionKind;
  name: string;
};

export type PerpInstrument = { type: "perp"; underlying: string; name: string };

export type FutureInstrument = { type: "future"; underlying: string; expiryMs: number; name: string };

export type SpotInstrument = { type: "spot"; underlying: string; name: string };

export type Instrument = OptionInstrument | PerpInstrument | FutureInstrument | SpotInstrument;

export function isOption(instrument: Instrument): instrument is OptionInstrument {
  return instrument.type === "option";
}

/** Perpetuals, futures and spot holdings: value = spot, delta 1. */
export function isLinear(instrument: Instrument): boolean {
  return instrument.type !== "option";
}
