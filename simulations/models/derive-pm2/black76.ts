/**
 * Black-76 call and put prices as Derive computes them on-chain (lyra-utils `Black76.prices`):
 * the call from N(d1) - (K/F) N(d2) on a unit forward, the put from put-call parity on that unit
 * price (floored at 0), both scaled by the discounted forward and capped at the discounted forward
 * (call) and discounted strike (put). Total vol at or above 24 prices the call at the full discounted
 * forward; zero total vol is replaced by the contract's smallest unit (1e-18), which gives intrinsic
 * value. Black (1976), "The pricing of commodity contracts", J. Financial Economics 3.
 */
import { hartNormalCdf } from "./hart-normal-cdf.ts";

export const SECONDS_PER_YEAR = 365 * 24 * 60 * 60;

/** Above this sigma * sqrt(t) the unit call price is 1 (Derive's MAX_TOTAL_VOL). */
const MAX_TOTAL_VOL = 24;
/** One unit of 18-decimal fixed point: the contract's floor for zero total vol and zero moneyness. */
const FIXED_POINT_UNIT = 1e-18;

export type Black76Args = {
  /** Seconds to expiry (0 after expiry). */
  secToExpiry: number;
  /** Annualised implied vol, e.g. 0.6. */
  vol: number;
  fwd: number;
  strike: number;
  /** Discount factor to expiry, e.g. 0.98. */
  discount: number;
};

export type Black76Prices = { call: number; put: number };

/** Call and put on a unit forward with zero rates: (call, put) given K/F and sigma * sqrt(t). */
export function unitBlack76(moneyness: number, totalVol: number): Black76Prices {
  const call = unitCall(moneyness, totalVol);
  const sum = call + moneyness;
  return { call, put: sum >= 1 ? sum - 1 : 0 };
}

function unitCall(moneyness: number, totalVol: number): number {
  if (totalVol >= MAX_TOTAL_VOL) return 1;
  const v = totalVol === 0 ? FIXED_POINT_UNIT : totalVol;
  const m = moneyness === 0 ? FIXED_POINT_UNIT : moneyness;
  const k = Math.log(m);
  const d1 = ((v / 2) * v - k) / v;
  const d2 = d1 - v;
  const nd1 = hartNormalCdf(d1);
  const mNd2 = m * hartNormalCdf(d2);
  return nd1 >= mNd2 ? nd1 - mNd2 : 0;
}

export function black76(args: Black76Args): Black76Prices {
  const { secToExpiry, vol, fwd, strike, discount } = args;
  return {
    call: black76Price(true, secToExpiry, vol, fwd, strike, discount),
    put: black76Price(false, secToExpiry, vol, fwd, strike, discount),
  };
}

/**
 * The scenario loops' form of `black76`: one price, no allocation. Positional because it runs
 * ~700 times per margin evaluation; `black76` is the readable entry point and the reference.
 */
export function black76Price(
  isCall: boolean,
  secToExpiry: number,
  vol: number,
  fwd: number,
  strike: number,
  discount: number,
): number {
  const fwdDiscounted = fwd * discount;
  if (strike === 0) return isCall ? fwdDiscounted : 0;
  const strikeDiscounted = strike * discount;
  if (fwd === 0) return isCall ? 0 : strikeDiscounted;
  const moneyness = strike / fwd;
  const call = unitCall(moneyness, vol * Math.sqrt(secToExpiry / SECONDS_PER_YEAR));
  if (isCall) {
    const price = call * fwdDiscounted;
    return Math.min(price, fwdDiscounted);
  }
  const sum = call + moneyness;
  const price = (sum >= 1 ? sum - 1 : 0) * fwdDiscounted;
  return Math.min(price, strikeDiscounted);
}
