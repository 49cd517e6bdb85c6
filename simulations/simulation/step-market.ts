/**
 * The market at one step of a path: time, and per underlying (the registry's order) spot and ATM
 * implied vol. Options are marked at the underlying's ATM vol (a flat smile: see the limits in
 * docs/methodology.md).
 */
export type StepMarket = {
  timeMs: number;
  spot: Float64Array;
  iv: Float64Array;
};

/** The same market with every spot moved by the relative impact I_u (liquidation flow). */
export function impactedMarket(m: StepMarket, impact: Float64Array): StepMarket {
  const spot = new Float64Array(m.spot.length);
  for (let u = 0; u < spot.length; u++) spot[u] = m.spot[u]! * (1 + impact[u]!);
  return { timeMs: m.timeMs, spot, iv: m.iv };
}
