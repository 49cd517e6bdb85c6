/**
 * Black-Scholes-Merton for a European option on a non-dividend asset with continuously compounded
 * rate r and no carry yield (Hull, "Options, Futures, and Other Derivatives", ch. 15 and 19).
 * `blackScholes` is the straightforward form (one call, one result object); `blackScholesInto` is the
 * same arithmetic between typed arrays, allocation-free. The risk-array kernel (margin/risk-array.ts)
 * computes the same prices in a Float64Array loop and a test keeps them equal.
 */
import { normCdf, normPdf } from "./normal-cdf.ts";
import { DAYS_PER_YEAR } from "./year-fraction.ts";

export type OptionKind = "call" | "put";

export type BlackScholesInput = {
  spot: number;
  strike: number;
  /** Time to expiry in years (365-day); <= 0 means expired: worth intrinsic. */
  years: number;
  /** Annualised volatility as a decimal (0.6 = 60%). */
  vol: number;
  /** Continuously compounded risk-free rate as a decimal. */
  rate: number;
  kind: OptionKind;
};

/**
 * Price and Greeks per unit of underlying.
 * delta = dV/dS, gamma = d2V/dS2, vega = dV per +1 vol point (0.01 absolute),
 * theta = dV per calendar day passing (-dV/dT / 365), rho = dV per +1% rate (0.01).
 */
export type BlackScholesResult = {
  price: number;
  delta: number;
  gamma: number;
  vega: number;
  theta: number;
  rho: number;
};

/** Slots of `blackScholesInto`'s input and output arrays. */
export const BS_SPOT = 0;
export const BS_STRIKE = 1;
export const BS_YEARS = 2;
export const BS_VOL = 3;
export const BS_RATE = 4;
/** 1 for a call, anything else for a put. */
export const BS_CALL = 5;
export const BS_PRICE = 0;
export const BS_DELTA = 1;
export const BS_GAMMA = 2;
export const BS_VEGA = 3;
export const BS_THETA = 4;
export const BS_RHO = 5;

/**
 * The formulas, reading spot, strike, years, vol, rate and kind from `args` and writing price and
 * Greeks to `out` (slots above). Doubles travel in typed arrays because a double passed to or
 * returned from a call that is not inlined is boxed: the simulation marks every listed option at
 * every step, and one object per call was most of its garbage.
 */
export function blackScholesInto(args: Float64Array, out: Float64Array): void {
  const spot = args[BS_SPOT]!;
  const strike = args[BS_STRIKE]!;
  const years = args[BS_YEARS]!;
  const vol = args[BS_VOL]!;
  const rate = args[BS_RATE]!;
  const isCall = args[BS_CALL] === 1;
  if (years <= 0) {
    // Expired: settles at intrinsic value; the step in delta is taken as 0 at the money.
    const itm = isCall ? spot > strike : spot < strike;
    out[BS_PRICE] = isCall ? Math.max(spot - strike, 0) : Math.max(strike - spot, 0);
    out[BS_DELTA] = itm ? (isCall ? 1 : -1) : 0;
    out[BS_GAMMA] = 0;
    out[BS_VEGA] = 0;
    out[BS_THETA] = 0;
    out[BS_RHO] = 0;
    return;
  }
  const discount = Math.exp(-rate * years);
  const pvStrike = strike * discount;
  const sd = vol * Math.sqrt(years);
  if (!(sd > 0)) {
    // sigma -> 0 limit: the forward is certain, the option is worth its discounted forward intrinsic.
    const forwardItm = isCall ? spot > pvStrike : spot < pvStrike;
    const rhoSign = isCall ? 1 : -1;
    out[BS_PRICE] = isCall ? Math.max(spot - pvStrike, 0) : Math.max(pvStrike - spot, 0);
    out[BS_DELTA] = forwardItm ? (isCall ? 1 : -1) : 0;
    out[BS_GAMMA] = 0;
    out[BS_VEGA] = 0;
    out[BS_THETA] = forwardItm ? (-rate * pvStrike * rhoSign) / DAYS_PER_YEAR : 0;
    out[BS_RHO] = forwardItm ? (rhoSign * years * pvStrike) / 100 : 0;
    return;
  }
  const d1 = (Math.log(spot / strike) + rate * years) / sd + 0.5 * sd;
  const d2 = d1 - sd;
  const pdf1 = normPdf(d1);
  out[BS_GAMMA] = pdf1 / (spot * sd);
  out[BS_VEGA] = (spot * pdf1 * Math.sqrt(years)) / 100;
  const decay = (-spot * pdf1 * vol) / (2 * Math.sqrt(years));
  if (isCall) {
    const n1 = normCdf(d1);
    const n2 = normCdf(d2);
    out[BS_PRICE] = spot * n1 - pvStrike * n2;
    out[BS_DELTA] = n1;
    out[BS_THETA] = (decay - rate * pvStrike * n2) / DAYS_PER_YEAR;
    out[BS_RHO] = (years * pvStrike * n2) / 100;
    return;
  }
  const n1 = normCdf(-d1);
  const n2 = normCdf(-d2);
  out[BS_PRICE] = pvStrike * n2 - spot * n1;
  out[BS_DELTA] = -n1;
  out[BS_THETA] = (decay + rate * pvStrike * n2) / DAYS_PER_YEAR;
  out[BS_RHO] = (-years * pvStrike * n2) / 100;
}

const scratchArgs = new Float64Array(6);
const scratchOut = new Float64Array(6);

export function blackScholes({
  spot,
  strike,
  years,
  vol,
  rate,
  kind,
}: BlackScholesInput): BlackScholesResult {
  scratchArgs[BS_SPOT] = spot;
  scratchArgs[BS_STRIKE] = strike;
  scratchArgs[BS_YEARS] = years;
  scratchArgs[BS_VOL] = vol;
  scratchArgs[BS_RATE] = rate;
  scratchArgs[BS_CALL] = kind === "call" ? 1 : 0;
  blackScholesInto(scratchArgs, scratchOut);
  return {
    price: scratchOut[BS_PRICE]!,
    delta: scratchOut[BS_DELTA]!,
    gamma: scratchOut[BS_GAMMA]!,
    vega: scratchOut[BS_VEGA]!,
    theta: scratchOut[BS_THETA]!,
    rho: scratchOut[BS_RHO]!,
  };
}

/** Price only (reference). */
export function blackScholesPrice(input: BlackScholesInput): number {
  return blackScholes(input).price;
}
