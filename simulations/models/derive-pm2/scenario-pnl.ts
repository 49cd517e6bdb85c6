/**
 * P&L of one scenario relative to the current MtM, as `PMRMLib_2.getScenarioPnL` computes it:
 * the perp and risk-cancelling collateral move with spot; each expiry is revalued (shocked forward,
 * shocked or skewed vols), its value multiplied by the static discount for its sign, and the
 * difference to the undiscounted MtM scaled by the scenario's dampening. Skew scenarios count every
 * expiry as a loss (-|P&L|), approximating the skew rotating the other way where it would gain.
 */
import { black76Price, SECONDS_PER_YEAR } from "./black76.ts";
import type { DerivePm2Params, DerivePm2Scenario } from "./params.ts";
import { type ExpiryHoldings, expiryShockedMtm, type PreparedPortfolio } from "./precompute.ts";

type SkewParams = DerivePm2Params["skewShock"];

/**
 * Where the skew multiplier reaches its cap, in log-moneyness: sqrt(t) x width x (static + scale x sqrt(t)),
 * floored at minKStar.
 */
export function skewKStar(sqrtTau: number, skew: SkewParams): number {
  const volParam = skew.volParamStatic + sqrtTau * skew.volParamScale;
  return Math.max(skew.minKStar, sqrtTau * skew.widthScale * volParam);
}

/** The vol multiplier a skew scenario applies at log-moneyness k (already |k| for the Abs scenario). */
export function skewMultiplier(k: number, multCap: number, kStar: number): number {
  const slope = (k * multCap) / kStar;
  return 1 + (k >= 0 ? Math.min(multCap, slope) : Math.max(-multCap, slope));
}

/** Value of one expiry with the vol smile's wings raised (Linear: in k; Abs: in |k|), forward unshocked. */
export function expirySkewedMtm(e: ExpiryHoldings, isLinear: boolean, skew: SkewParams): number {
  const fwd = e.fwdVariable + e.fwdFixed;
  const sqrtTau = Math.sqrt(e.secToExpiry / SECONDS_PER_YEAR);
  const multCap = isLinear
    ? skew.linearCBase * sqrtTau + skew.linearBaseCap
    : skew.absCBase * sqrtTau + skew.absBaseCap;
  const kStar = skewKStar(sqrtTau, skew);
  let total = 0;
  for (let i = 0; i < e.strikes.length; i++) {
    const strike = e.strikes[i]!;
    const lnK = Math.log(strike / fwd);
    const k = isLinear ? lnK : Math.abs(lnK);
    const mult = skewMultiplier(k, multCap, kStar);
    const vol = e.vols[i]! * Math.max(mult, 0);
    total += black76Price(e.isCall[i] === 1, e.secToExpiry, vol, fwd, strike, e.discount) * e.amounts[i]!;
  }
  return total;
}

/**
 * Scenario P&L (negative = loss). If `perExpiryOut` is given, each expiry's contribution (after the
 * skew sign flip) is written to it, for diagnostics.
 */
export function scenarioPnl(
  p: PreparedPortfolio,
  s: DerivePm2Scenario,
  params: DerivePm2Params,
  perExpiryOut?: Float64Array,
): number {
  const { basisContingency: basis, volShock: volParams, skewShock } = params;
  const isSkew = s.volShock === "Linear" || s.volShock === "Abs";
  let pnl = 0;
  if (p.perpPosition !== 0) {
    pnl += p.perpPosition * ((s.spotShock - 1) * p.perpPrice) * s.dampening;
  }

  for (let j = 0; j < p.expiries.length; j++) {
    const e = p.expiries[j]!;
    let shocked: number;
    // The contract reuses MtMs it already has for unshocked-vol scenarios at these spot levels.
    if (s.volShock === "None" && s.spotShock === 1) shocked = e.mtm;
    else if (s.volShock === "None" && s.spotShock === basis.scenarioSpotUp) shocked = e.basisUpMtm;
    else if (s.volShock === "None" && s.spotShock === basis.scenarioSpotDown) shocked = e.basisDownMtm;
    else if (isSkew) shocked = expirySkewedMtm(e, s.volShock === "Linear", skewShock);
    else if (s.volShock === "Up")
      shocked = expiryShockedMtm(e, s.spotShock, e.volShockUp, volParams.minVolUpShock);
    else if (s.volShock === "Down") shocked = expiryShockedMtm(e, s.spotShock, e.volShockDown, 0);
    else shocked = expiryShockedMtm(e, s.spotShock, 1, 0);

    shocked *= shocked >= 0 ? e.staticDiscountPos : e.staticDiscountNeg;
    let expiryPnl = (shocked - e.mtm) * s.dampening;
    if (isSkew && expiryPnl > 0) expiryPnl = -expiryPnl;
    if (perExpiryOut) perExpiryOut[j] = expiryPnl;
    pnl += expiryPnl;
  }

  for (const c of p.collaterals) {
    if (!c.isRiskCancelling) continue;
    pnl += c.value * (s.spotShock - 1) * s.dampening;
  }
  return pnl;
}
