/**
 * Square-root market impact of liquidation flow (Almgren, Thum, Hauptmann & Li 2005; Toth et al.
 * 2011, "Anomalous price impact and the critical nature of liquidity"): a signed flow F (USD of
 * underlying bought, negative = sold) moves the price by
 *   I(F) = sign(F) x Y x sigma_d x sqrt(|F| / D)
 * with sigma_d the daily vol (implied vol / sqrt(365)) and D the depth. Depth shrinks in stress:
 *   D = D_calm x min(1, (vol_ref / vol)^elasticity),
 * and the option close spread widens by the same factor D_calm / D. Within one simulation step the
 * flows of all liquidations add up, so each liquidation trades at, and later ones are revalued at, a
 * price already pushed by the earlier ones: that is how cascades emerge. The price returns to the path
 * at the next step (impact is transient between steps).
 *
 * Cost of a trade x when the step's flow is already F0, measured against the price the account was
 * valued at (the price at flow F_ref, the start of the liquidation round):
 *   cost = integral_{F0}^{F0 + x} (I(f) - I(F_ref)) df = G(F0 + x) - G(F0) - I(F_ref) x,
 *   G(F) = (2/3) c |F|^{3/2},  c = Y sigma_d / sqrt(D).
 * With F_ref = F0 the cost is never negative (G is convex). A later liquidation in the same round
 * trading with the flow pays for the move the earlier ones caused (F0 beyond F_ref): the cascade's
 * amplification; one trading against it gains.
 */
import { calmDepthUsd, type LiquidationSettings } from "./liquidation-settings.ts";

/** Largest price move liquidations can cause within a step (spot stays positive). */
export const MAX_IMPACT = 0.5;

export type ImpactModel = {
  /** c_u = Y sigma_d / sqrt(D_u) per underlying. */
  coefficient: Float64Array;
  /** Depth in USD per underlying at this step. */
  depthUsd: Float64Array;
  /** D_calm / D: factor on the option close spread. */
  stress: Float64Array;
};

export function impactModel(args: {
  settings: LiquidationSettings;
  underlyings: readonly string[];
  iv: Float64Array;
}): ImpactModel {
  const { settings, underlyings, iv } = args;
  const n = underlyings.length;
  const coefficient = new Float64Array(n);
  const depthUsd = new Float64Array(n);
  const stress = new Float64Array(n);
  for (let u = 0; u < n; u++) {
    const vol = iv[u]!;
    const thin =
      vol > settings.depthReferenceVol
        ? (settings.depthReferenceVol / vol) ** settings.depthVolElasticity
        : 1;
    const depth = calmDepthUsd(settings, underlyings[u]!) * thin;
    depthUsd[u] = depth;
    stress[u] = 1 / thin;
    coefficient[u] = (settings.impactCoefficient * (vol / Math.sqrt(365))) / Math.sqrt(depth);
  }
  return { coefficient, depthUsd, stress };
}

/** Relative price move I(F) for coefficient c, clamped to +-MAX_IMPACT. */
export function priceImpact(c: number, flow: number): number {
  const i = c * Math.sqrt(Math.abs(flow));
  return flow >= 0 ? Math.min(i, MAX_IMPACT) : -Math.min(i, MAX_IMPACT);
}

function integral(c: number, flow: number): number {
  return (2 / 3) * c * Math.abs(flow) ** 1.5;
}

/** Cost in USD of trading x (signed USD of underlying) at flow f0, against the price at flow fRef (default f0). */
export function impactCost(c: number, f0: number, x: number, fRef = f0): number {
  if (x === 0 || c === 0) return 0;
  // Exact while |I| stays under the clamp; past it the price is flat at the clamp, so the cost is
  // bounded by twice the clamp times the size (keeps pathological inputs finite).
  const cost = integral(c, f0 + x) - integral(c, f0) - priceImpact(c, fRef) * x;
  const bound = 2 * MAX_IMPACT * Math.abs(x);
  return Math.min(Math.max(fRef === f0 ? 0 : -bound, cost), bound);
}

/**
 * Cost of trading x in `chunks` equal parts on separate steps with a fresh book each time
 * (gradual unwind, or an auction winner hedging over several steps): chunks x cost(x / chunks),
 * which is cost(x) / sqrt(chunks) under the square-root law.
 */
export function chunkedImpactCost(c: number, x: number, chunks: number): number {
  return chunks * impactCost(c, 0, x / chunks);
}
