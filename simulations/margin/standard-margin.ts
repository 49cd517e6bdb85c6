/**
 * Standard (per-position) margin, the baseline capital efficiency is measured against. Each position
 * is margined alone, with no offsets:
 *   short option: (max(a - OTM/S, b) * S + mark) * |qty|, OTM = max(K - S, 0) for a call, max(S - K, 0) for a put
 *   long option:  0 (paid in full)
 *   perp/future:  c * S * |qty|
 * This is Deribit's standard-margin rule for options (a = 0.15, b = 0.10) in USD-settled form.
 */
import type { Instrument } from "../instruments/instrument.ts";

export type StandardMarginParams = {
  standardShortOptionBase: number;
  standardShortOptionFloor: number;
  standardLinearFraction: number;
  standardMmFactor: number;
};

/** Standard initial margin per unit of a position with signed quantity `qty` (> 0 long). */
export function standardMarginPerUnit(args: {
  instrument: Instrument;
  spot: number;
  mark: number;
  qty: number;
  params: StandardMarginParams;
}): number {
  const { instrument, spot, mark, qty, params } = args;
  switch (instrument.type) {
    case "option": {
      if (qty >= 0) return 0;
      const otm =
        instrument.kind === "call"
          ? Math.max(instrument.strike - spot, 0)
          : Math.max(spot - instrument.strike, 0);
      const fraction = Math.max(params.standardShortOptionBase - otm / spot, params.standardShortOptionFloor);
      return fraction * spot + mark;
    }
    case "perp":
    case "future":
      return params.standardLinearFraction * spot;
    case "spot":
      return 0;
  }
}

export type StandardMargin = { initial: number; maintenance: number };

/** Sum over positions of the per-position rule (reference for the per-instrument coefficients). */
export function standardMargin(args: {
  positions: ReadonlyArray<{ instrument: Instrument; qty: number; spot: number; mark: number }>;
  params: StandardMarginParams;
}): StandardMargin {
  let initial = 0;
  for (const p of args.positions) {
    initial += standardMarginPerUnit({ ...p, params: args.params }) * Math.abs(p.qty);
  }
  return { initial, maintenance: initial * args.params.standardMmFactor };
}
