/**
 * Black-Scholes-Merton for a European option on a non-dividend asset with continuously compounded
 * rate r and no carry yield (Hull, "Options, Futures, and Other Derivatives", ch. 15 and 19).
 * This is the straightforward reference implementation: one call, one result object. The risk-array
 * kernel (margin/risk-array.ts) computes the same prices in a Float64Array loop and a test keeps
 * them equal.
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

export function blackScholes({
  spot,
  strike,
  years,
  vol,
  rate,
  kind,
}: BlackScholesInput): BlackScholesResult {
  const isCall = kind === "call";
  if (years <= 0) {
    // Expired: settles at intrinsic value; the step in delta is taken as 0 at the money.
    const intrinsic = isCall ? Math.max(spot - strike, 0) : Math.max(strike - spot, 0);
    const itm = isCall ? spot > strike : spot < strike;
    return { price: intrinsic, delta: itm ? (isCall ? 1 : -1) : 0, gamma: 0, vega: 0, theta: 0, rho: 0 };
  }
  const discount = Math.exp(-rate * years);
  const pvStrike = strike * discount;
  const sd = vol * Math.sqrt(years);
  if (!(sd > 0)) {
    // sigma -> 0 limit: the forward is certain, the option is worth its discounted forward intrinsic.
    const forwardItm = isCall ? spot > pvStrike : spot < pvStrike;
    const price = isCall ? Math.max(spot - pvStrike, 0) : Math.max(pvStrike - spot, 0);
    const delta = forwardItm ? (isCall ? 1 : -1) : 0;
    const rhoSign = isCall ? 1 : -1;
    return {
      price,
      delta,
      gamma: 0,
      vega: 0,
      theta: forwardItm ? (-rate * pvStrike * rhoSign) / DAYS_PER_YEAR : 0,
      rho: forwardItm ? (rhoSign * years * pvStrike) / 100 : 0,
    };
  }
  const d1 = (Math.log(spot / strike) + rate * years) / sd + 0.5 * sd;
  const d2 = d1 - sd;
  const pdf1 = normPdf(d1);
  const gamma = pdf1 / (spot * sd);
  const vega = (spot * pdf1 * Math.sqrt(years)) / 100;
  const decay = (-spot * pdf1 * vol) / (2 * Math.sqrt(years));
  if (isCall) {
    const n1 = normCdf(d1);
    const n2 = normCdf(d2);
    return {
      price: spot * n1 - pvStrike * n2,
      delta: n1,
      gamma,
      vega,
      theta: (decay - rate * pvStrike * n2) / DAYS_PER_YEAR,
      rho: (years * pvStrike * n2) / 100,
    };
  }
  const n1 = normCdf(-d1);
  const n2 = normCdf(-d2);
  return {
    price: pvStrike * n2 - spot * n1,
    delta: -n1,
    gamma,
    vega,
    theta: (decay + rate * pvStrike * n2) / DAYS_PER_YEAR,
    rho: (-years * pvStrike * n2) / 100,
  };
}

/** Price only (reference). */
export function blackScholesPrice(input: BlackScholesInput): number {
  return blackScholes(input).price;
}
