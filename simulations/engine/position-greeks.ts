/**
 * Per-unit price and Greeks of each position, and their qty-weighted sums per underlying.
 * Linear instruments (perps, futures) are valued at spot: delta 1, no gamma, vega or theta.
 */
import type { MarketSnapshot } from "../input/market-snapshot.ts";
import type { Position } from "../input/portfolio.ts";
import { blackScholes } from "../pricing/black-scholes.ts";
import { yearsBetween } from "../pricing/year-fraction.ts";

export type Greeks = { delta: number; gamma: number; vega: number; theta: number };
export type PositionGreeks = Greeks & { instrument: string; qty: number; price: number };

export function positionGreeks(market: MarketSnapshot, position: Position): PositionGreeks {
  const { instrument, qty } = position;
  const m = market.underlyings[instrument.underlying]!;
  if (instrument.type !== "option") {
    return { instrument: instrument.name, qty, price: m.spot, delta: 1, gamma: 0, vega: 0, theta: 0 };
  }
  const r = blackScholes({
    spot: m.spot,
    strike: instrument.strike,
    years: yearsBetween(market.asOfMs, instrument.expiryMs),
    vol: position.iv ?? m.vol,
    rate: m.rate,
    kind: instrument.kind,
  });
  return {
    instrument: instrument.name,
    qty,
    price: r.price,
    delta: r.delta,
    gamma: r.gamma,
    vega: r.vega,
    theta: r.theta,
  };
}

/** Qty-weighted sums per underlying. */
export function portfolioGreeks(
  positions: ReadonlyArray<{ underlying: string; greeks: PositionGreeks }>,
): Record<string, Greeks> {
  const out: Record<string, Greeks> = {};
  for (const { underlying, greeks: g } of positions) {
    const acc = out[underlying] ?? { delta: 0, gamma: 0, vega: 0, theta: 0 };
    out[underlying] = acc;
    acc.delta += g.qty * g.delta;
    acc.gamma += g.qty * g.gamma;
    acc.vega += g.qty * g.vega;
    acc.theta += g.qty * g.theta;
  }
  return out;
}
