/**
 * Arranges an account into per-expiry holdings and computes everything that does not depend on the
 * scenario, in the order Derive's `PMRM_2._arrangePortfolio` and `PMRMLib_2.addPrecomputes` do:
 * discount factors, SVI vols, the unshocked MtM, the basis (forward) contingency, the vol-shock
 * multipliers, the static discounts, the naked-short option contingency and the oracle-confidence
 * contingencies.
 */
import { EngineError } from "../../errors.ts";
import { black76Price, SECONDS_PER_YEAR } from "./black76.ts";
import type { DerivePm2Input } from "./input.ts";
import type { DerivePm2Params } from "./params.ts";
import { sviVol } from "./svi.ts";

const SECONDS_PER_DAY = 86_400;
const THIRTY_DAYS_SEC = 30 * SECONDS_PER_DAY;

/** One expiry's options and the scenario-independent values derived from its feed. */
export type ExpiryHoldings = {
  secToExpiry: number;
  /** Index of the expiry's feed in `input.feeds`. */
  feedIndex: number;
  /** Forward part that moves with spot, and part already fixed (near settlement). */
  fwdVariable: number;
  fwdFixed: number;
  /** Rate after Derive's floor at 0. */
  rate: number;
  discount: number;
  minConfidence: number;
  /** Sum of |amount| over the expiry's options. */
  netOptions: number;
  // Options, in the order the contract stores them (reverse of arrival), as parallel arrays.
  strikes: Float64Array;
  vols: Float64Array;
  amounts: Float64Array;
  isCall: Uint8Array;
  /** Option position index in `input.options` for each slot above. */
  optionIndex: Int32Array;
  mtm: number;
  basisUpMtm: number;
  basisDownMtm: number;
  /** This expiry's contribution to the basis contingency (<= 0). */
  basisContingency: number;
  volShockUp: number;
  volShockDown: number;
  staticDiscountPos: number;
  staticDiscountNeg: number;
  nakedShorts: number;
};

export type CollateralHolding = {
  name: string;
  /** amount * price / stable price (USD in stable terms). */
  value: number;
  isRiskCancelling: boolean;
  minConfidence: number;
};

/** Contingencies in USD, all >= 0 (they are subtracted from margin). */
export type Contingencies = {
  mmPerp: number;
  imPerp: number;
  mmOption: number;
  imOption: number;
  mmCollateral: number;
  imCollateral: number;
  /** Oracle-confidence add-ons (IM only) for the perp, each expiry's options and the collaterals. */
  confidencePerp: number;
  confidenceOptions: number;
  confidenceCollateral: number;
  mmTotal: number;
  /** IM-only contingencies (MM contingencies are charged on top of these for IM). */
  imTotal: number;
};

export type PreparedPortfolio = {
  spotPrice: number;
  stablePrice: number;
  cash: number;
  perpPosition: number;
  perpPrice: number;
  /** Unrealised perp P&L plus funding, already part of the MtM. */
  perpValue: number;
  minConfidence: number;
  expiries: ExpiryHoldings[];
  collaterals: CollateralHolding[];
  /** Perp value + option MtM + collateral value (cash excluded). */
  totalMtm: number;
  optionMtm: number;
  collateralMtm: number;
  /** Sum over expiries of min(basis up, basis down, 0) x (add + mult x years) (<= 0). */
  basisContingency: number;
  contingencies: Contingencies;
};

export function confidenceContingency(
  minConfidence: number,
  notional: number,
  other: DerivePm2Params["otherContingency"],
): number {
  return minConfidence < other.confThreshold ? (1 - minConfidence) * other.confMargin * notional : 0;
}

/** Value of one expiry's options with spot multiplied by `spotShock` and vols scaled by `volShock`. */
export function expiryShockedMtm(
  e: ExpiryHoldings,
  spotShock: number,
  volShock: number,
  minVol: number,
): number {
  const fwd = e.fwdVariable * spotShock + e.fwdFixed;
  let total = 0;
  for (let i = 0; i < e.strikes.length; i++) {
    const shocked = e.vols[i]! * volShock;
    const vol = Math.max(shocked, minVol);
    total +=
      black76Price(e.isCall[i] === 1, e.secToExpiry, vol, fwd, e.strikes[i]!, e.discount) * e.amounts[i]!;
  }
  return total;
}

/**
 * Naked shorts per expiry, the way `PMRMLib_2._addOptionContingency` counts them: each option is
 * netted pairwise against later options at the same strike (calls and puts alike); a short with no
 * same-strike partner counts in full.
 */
function nakedShorts(strikes: Float64Array, amounts: Float64Array): number {
  const seen = new Uint8Array(strikes.length);
  let total = 0;
  for (let i = 0; i < strikes.length; i++) {
    if (seen[i] === 1) continue;
    const a = amounts[i]!;
    let found = false;
    for (let j = i + 1; j < strikes.length; j++) {
      if (strikes[i] !== strikes[j]) continue;
      seen[j] = 1;
      const b = amounts[j]!;
      if (a * b < 0) {
        total += a < 0 ? Math.abs(a) - Math.min(-a, b) : Math.abs(b) - Math.min(a, -b);
      } else if (a < 0) {
        total += Math.abs(a) + Math.abs(b);
      }
      found = true;
    }
    if (!found && a < 0) total += Math.abs(a);
  }
  return total;
}

export function preparePortfolio(input: DerivePm2Input, params: DerivePm2Params): PreparedPortfolio {
  const { volShock, margin, basisContingency: basis, otherContingency: other } = params;
  const feedBySec = new Map<number, number>();
  input.feeds.forEach((f, i) => {
    feedBySec.set(f.secToExpiry, i);
  });

  // Expiries in order of first appearance; options within an expiry in reverse arrival order
  // (PMRM_2 fills each expiry's array from the end), which the naked-short count depends on.
  const order: number[] = [];
  const byExpiry = new Map<number, number[]>();
  input.options.forEach((o, i) => {
    let list = byExpiry.get(o.secToExpiry);
    if (!list) {
      list = [];
      byExpiry.set(o.secToExpiry, list);
      order.push(o.secToExpiry);
    }
    list.push(i);
  });

  const spotPrice = input.spot.price;
  let minConfidence = input.spot.confidence;

  // Collaterals are valued in stable terms, with the confidence known before the perp is read.
  const collaterals: CollateralHolding[] = input.collaterals.map((c) => ({
    name: c.name,
    value: (c.amount * c.price) / input.stable.price,
    isRiskCancelling: c.isRiskCancelling,
    minConfidence: Math.min(c.confidence, minConfidence),
  }));

  const perpPosition = input.perp?.amount ?? 0;
  let perpPrice = 0;
  let perpValue = 0;
  // Like PMRM_2, a zero perp balance is no position at all: no price, confidence or unrealised value.
  if (input.perp && perpPosition !== 0) {
    perpValue = input.perp.unrealisedPnl + input.perp.unrealisedFunding;
    perpPrice = input.perp.price;
    minConfidence = Math.min(minConfidence, input.perp.confidence);
  }

  const perpNotional = Math.abs(perpPosition) * spotPrice;
  const c: Contingencies = {
    mmPerp: perpNotional * other.mmPerpPercent,
    imPerp: perpNotional * other.imPerpPercent,
    mmOption: 0,
    imOption: 0,
    mmCollateral: 0,
    imCollateral: 0,
    confidencePerp: confidenceContingency(minConfidence, perpNotional, other),
    confidenceOptions: 0,
    confidenceCollateral: 0,
    mmTotal: 0,
    imTotal: 0,
  };

  const dteFloorSec = Math.floor(volShock.dteFloorDays * SECONDS_PER_DAY);
  let optionMtm = 0;
  let basisContingency = 0;
  const expiries: ExpiryHoldings[] = order.map((sec) => {
    const feedIndex = feedBySec.get(sec);
    const optionIdx = byExpiry.get(sec) ?? [];
    if (feedIndex === undefined) {
      throw new EngineError({
        code: "INVALID_INPUT",
        path: ["options", optionIdx[0] ?? 0, "secToExpiry"],
        reason: `no feed for expiry ${sec}`,
      });
    }
    const feed = input.feeds[feedIndex]!;
    // PMRM_2 assumes rates are never negative.
    const rate = Math.max(feed.rate, 0);
    const discount = Math.exp((-rate * sec) / SECONDS_PER_YEAR);
    let expiryMinConfidence = Math.min(feed.forwardConfidence, feed.rateConfidence);

    const n = optionIdx.length;
    const strikes = new Float64Array(n);
    const vols = new Float64Array(n);
    const amounts = new Float64Array(n);
    const isCall = new Uint8Array(n);
    const optionIndex = new Int32Array(n);
    let netOptions = 0;
    optionIdx.forEach((oi, k) => {
      const o = input.options[oi]!;
      const slot = n - 1 - k;
      strikes[slot] = o.strike;
      vols[slot] = o.vol ?? sviVol(o.strike, feed.svi, ["feeds", feedIndex, "svi"]);
      amounts[slot] = o.amount;
      isCall[slot] = o.isCall ? 1 : 0;
      optionIndex[slot] = oi;
      expiryMinConfidence = Math.min(expiryMinConfidence, feed.volConfidence);
      netOptions += Math.abs(o.amount);
    });
    expiryMinConfidence = Math.min(minConfidence, expiryMinConfidence);

    const e: ExpiryHoldings = {
      secToExpiry: sec,
      feedIndex,
      fwdVariable: feed.forward - feed.forwardFixed,
      fwdFixed: feed.forwardFixed,
      rate,
      discount,
      minConfidence: expiryMinConfidence,
      netOptions,
      strikes,
      vols,
      amounts,
      isCall,
      optionIndex,
      mtm: 0,
      basisUpMtm: 0,
      basisDownMtm: 0,
      basisContingency: 0,
      volShockUp: 1,
      volShockDown: 1,
      staticDiscountPos: 1,
      staticDiscountNeg: 1,
      nakedShorts: 0,
    };

    e.mtm = expiryShockedMtm(e, 1, 1, 0);
    optionMtm += e.mtm;

    // Basis contingency: the worse of two small forward moves, scaled up with time to expiry.
    const years = sec / SECONDS_PER_YEAR;
    e.basisUpMtm = expiryShockedMtm(e, basis.scenarioSpotUp, 1, 0);
    e.basisDownMtm = expiryShockedMtm(e, basis.scenarioSpotDown, 1, 0);
    const worstBasis = Math.min(e.basisUpMtm - e.mtm, e.basisDownMtm - e.mtm, 0);
    e.basisContingency = worstBasis * (basis.addFactor + basis.multFactor * years);
    basisContingency += e.basisContingency;

    // Vol shocks scale with (30 days / max(dte, floor))^power, short power up to 30 days.
    const denom = Math.max(sec, dteFloorSec);
    if (denom === 0) {
      throw new EngineError({
        code: "INVALID_PARAMS",
        path: ["volShock", "dteFloorDays"],
        reason: "a DTE floor of 0 cannot scale vol shocks for an expired option",
      });
    }
    const power = sec <= THIRTY_DAYS_SEC ? volShock.shortTermPower : volShock.longTermPower;
    const multShock = (THIRTY_DAYS_SEC / denom) ** power;
    e.volShockUp = 1 + volShock.volRangeUp * multShock;
    e.volShockDown = Math.max(0, 1 - volShock.volRangeDown * multShock);

    // Static discounts: long values haircut by a shocked discount, short values marked up by one,
    // but never above undoing the expiry's own discounting.
    const shockRatePos = rate * margin.longRateMultScale + margin.longRateAddScale;
    e.staticDiscountPos = margin.longBaseStaticDiscount * Math.exp(-(years * shockRatePos));
    const shockRateNeg = rate * margin.shortRateMultScale + margin.shortRateAddScale;
    e.staticDiscountNeg = Math.min(
      1 / discount,
      margin.shortBaseStaticDiscount / Math.exp(-(years * shockRateNeg)),
    );

    e.nakedShorts = nakedShorts(strikes, amounts);
    const notionalShorts = e.nakedShorts * spotPrice;
    c.mmOption += notionalShorts * other.mmOptionPercent;
    c.imOption += notionalShorts * other.imOptionPercent;
    c.confidenceOptions += confidenceContingency(e.minConfidence, netOptions * spotPrice, other);
    return e;
  });

  let collateralMtm = 0;
  input.collaterals.forEach((raw, i) => {
    const h = collaterals[i]!;
    collateralMtm += h.value;
    c.mmCollateral += h.value * raw.mmHaircut;
    c.imCollateral += h.value * raw.imHaircut;
    c.confidenceCollateral += confidenceContingency(h.minConfidence, h.value, other);
  });

  c.mmTotal = c.mmPerp + c.mmOption + c.mmCollateral;
  c.imTotal =
    c.imPerp + c.imOption + c.imCollateral + c.confidencePerp + c.confidenceOptions + c.confidenceCollateral;

  return {
    spotPrice,
    stablePrice: input.stable.price,
    cash: input.cash,
    perpPosition,
    perpPrice,
    perpValue,
    minConfidence,
    expiries,
    collaterals,
    totalMtm: perpValue + optionMtm + collateralMtm,
    optionMtm,
    collateralMtm,
    basisContingency,
    contingencies: c,
  };
}
