/**
 * Scenario risk array (SPAN-style): loss per unit long of every distinct instrument in every scenario,
 * instruments x scenarios, row-major in one Float64Array. loss = (value now - value in scenario) x
 * scenario weight. Each instrument is priced once per scenario, so the cost grows with distinct
 * instruments and not with positions; accounts then aggregate rows by index (aggregate-accounts.ts).
 *
 * `buildRiskArray` is the fast kernel: per instrument it hoists the log-moneyness, discounting and
 * sqrt(T) out of the scenario loop and uses precomputed log spot factors, so the inner loop is one
 * division, two normal CDFs and no allocation. `buildRiskArrayReference` is the straightforward
 * version (one `blackScholes` call per cell); a unit test keeps the two equal to 1e-6 USD.
 */
import { blackScholes } from "../pricing/black-scholes.ts";
import * as cody from "../pricing/normal-cdf.ts";
import { DAYS_PER_YEAR } from "../pricing/year-fraction.ts";
import { daysToExpiry, type InstrumentTable, KIND_CALL, KIND_LINEAR, KIND_PUT } from "./instrument-table.ts";
import type { ScenarioSet } from "./scenario-set.ts";
import { NO_TENOR_SCALING, type VolTenorScaling, volShockScale } from "./vol-tenor-scaling.ts";

// Module-local copies of Cody's coefficients (pricing/normal-cdf.ts). An imported binding is a live
// module cell that TurboFan reloads (with a TDZ check) at every use; a local const folds to a constant.
// Measured: 50 -> 37 ns per cell.
const {
  A0,
  A1,
  A2,
  A3,
  A4,
  B0,
  B1,
  B2,
  B3,
  C0,
  C1,
  C2,
  C3,
  C4,
  C5,
  C6,
  C7,
  C8,
  D0,
  D1,
  D2,
  D3,
  D4,
  D5,
  D6,
  D7,
} = cody;
const { CENTRAL_LIMIT } = cody;

export type RiskArray = {
  instruments: number;
  scenarios: number;
  /** Value now per unit of each instrument (options: BSM price; linear: spot). */
  value: Float64Array;
  /** Weighted loss per unit long, instruments x scenarios: loss[i * scenarios + s]. */
  loss: Float64Array;
};

export type RiskArrayInput = {
  table: InstrumentTable;
  scenarios: ScenarioSet;
  /** Scenarios value instruments this many days after the snapshot (default 0). */
  horizonDays?: number;
  volTenorScaling?: VolTenorScaling;
};

/** For each table underlying, its row in the scenario matrices. */
function scenarioRows(input: RiskArrayInput): Int32Array {
  const { table, scenarios } = input;
  const rows = new Int32Array(table.underlyings.length);
  table.underlyings.forEach((u, k) => {
    const row = scenarios.underlyings.indexOf(u);
    if (row < 0) throw new Error(`scenario set has no shocks for underlying ${u}`);
    rows[k] = row;
  });
  return rows;
}

/**
 * Value now per unit (options: BSM price at the snapshot; linear: spot). Same formula as
 * `blackScholes`, with one exponential for both Gaussian factors and no result object.
 */
function valueNow(table: InstrumentTable, i: number): number {
  const kind = table.kind[i]!;
  const spot = table.spot[i]!;
  if (kind === KIND_LINEAR) return spot;
  const strike = table.strike[i]!;
  const years = table.years[i]!;
  const isCall = kind === KIND_CALL;
  if (years <= 0) return isCall ? Math.max(spot - strike, 0) : Math.max(strike - spot, 0);
  const rate = table.rate[i]!;
  const pvStrike = strike * Math.exp(-rate * years);
  const sd = table.vol[i]! * Math.sqrt(years);
  if (!(sd > 0)) return isCall ? Math.max(spot - pvStrike, 0) : Math.max(pvStrike - spot, 0);
  const d1 = (Math.log(spot / strike) + rate * years) / sd + 0.5 * sd;
  const d2 = d1 - sd;
  const e1 = Math.exp(-0.5 * d1 * d1);
  const e2 = e1 > 1e-290 ? (e1 * spot) / pvStrike : Math.exp(-0.5 * d2 * d2);
  return isCall
    ? spot * cody.normCdfWithGaussian(d1, e1) - pvStrike * cody.normCdfWithGaussian(d2, e2)
    : pvStrike * cody.normCdfWithGaussian(-d2, e2) - spot * cody.normCdfWithGaussian(-d1, e1);
}

/** exp(-700) ~ 1e-304: the smallest Gaussian factor kept (normal doubles, no subnormal slow path). */
const MAX_HALF_SQUARE = 700;

/** Per-call scratch rows (one scenario row each), reused for every instrument. */
type RowScratch = {
  d1: Float64Array;
  sd: Float64Array;
  st: Float64Array;
  e1: Float64Array;
  e2: Float64Array;
};

function rowScratch(S: number): RowScratch {
  return {
    d1: new Float64Array(S),
    sd: new Float64Array(S),
    st: new Float64Array(S),
    e1: new Float64Array(S),
    e2: new Float64Array(S),
  };
}

/**
 * Fill one option's row: loss[out + s] = (v0 - price in scenario s) * weight[s], in three passes over
 * the row. Math.exp is a call into C that clobbers every floating-point register, so pass 2 does only
 * exponentials and passes 1 and 3 contain no call at all; fused into one loop the same arithmetic runs
 * about 1.5x slower. Positional scalars on purpose: a small monomorphic function that TurboFan
 * optimizes once, with nothing allocated per instrument.
 */
function optionRow(
  loss: Float64Array,
  out: number,
  S: number,
  base: number,
  scenarios: { spotFactor: Float64Array; lnFactor: Float64Array; volShock: Float64Array; weight: Float64Array },
  row: RowScratch,
  args: Float64Array,
): void {
  const spot = args[0]!;
  const vol = args[1]!;
  const scale = args[2]!;
  const sqrtT = args[3]!;
  const drift = args[4]!;
  const pvStrike = args[5]!;
  const sign = args[6]!;
  const v0 = args[7]!;
  const { spotFactor, lnFactor, volShock, weight } = scenarios;
  const { d1: D1s, sd: SDs, st: STs, e1: E1s, e2: E2s } = row;
  const invPvStrike = 1 / pvStrike;
  let fallback = false;
  // Pass 1 (no calls): shocked spot, sd = sigma sqrt(T), d1, and the exponents.
  for (let s = 0; s < S; s++) {
    const st = spot * spotFactor[base + s]!;
    const shocked = vol * (1 + volShock[base + s]! * scale);
    const sd = shocked > 0 ? shocked * sqrtT : 0;
    STs[s] = st;
    const d1 = sd > 0 && st > 0 ? (drift + lnFactor[base + s]!) / sd + 0.5 * sd : Number.NaN;
    // |d1| beyond 1e6 only happens when sd is vanishingly small: that is the sigma -> 0 limit below.
    if (d1 < 1e6 && d1 > -1e6) {
      const d2 = d1 - sd;
      const h1 = 0.5 * d1 * d1;
      const h2 = 0.5 * d2 * d2;
      D1s[s] = d1;
      SDs[s] = sd;
      // Past |d| ~ 37.4 the normal tail is below 1e-305, worth nothing in USD: make its factor exactly
      // 0 (exp(-1e6) = 0) rather than let subnormal numbers, 100x slower on x86, into the arithmetic.
      E1s[s] = h1 < MAX_HALF_SQUARE ? -h1 : -1e6;
      if (h1 >= MAX_HALF_SQUARE && h2 < MAX_HALF_SQUARE) fallback = true;
      E2s[s] = h2 < MAX_HALF_SQUARE ? -h2 : -1e6;
    } else {
      // sigma -> 0 (or spot 0, or no d1 at all): the option is worth its discounted forward intrinsic,
      // which pass 3 computes from d1 = d2 = +-1e6 with zero Gaussian factors.
      D1s[s] = st > pvStrike ? 1e6 : -1e6;
      SDs[s] = 0;
      E1s[s] = -1e6;
      E2s[s] = -1e6;
    }
  }
  // Pass 2: the exponentials, and nothing else (Math.exp is a call into C that clobbers every
  // floating-point register). exp(-d2^2/2) = exp(-d1^2/2) S / (K e^-rT) (Hull, ch. 15 appendix), so a
  // second exponential is needed only where exp(-d1^2/2) underflowed and exp(-d2^2/2) did not.
  for (let s = 0; s < S; s++) E1s[s] = Math.exp(E1s[s]!);
  if (fallback) {
    for (let s = 0; s < S; s++) E2s[s] = E1s[s]! > 0 ? E1s[s]! * STs[s]! * invPvStrike : Math.exp(E2s[s]!);
  }
  // Pass 3 (no calls): Cody's normal CDF from the factors (normCdfWithGaussian written out twice: a
  // call returning a double would box it). Beyond |x| = sqrt(32) the middle-interval rational still
  // gives the tail to 1e-23 absolute (checked in tests), so the far-tail branch is dropped.
  for (let s = 0; s < S; s++) {
    const st = STs[s]!;
    const d1 = D1s[s]!;
    const e1 = E1s[s]!;
    const e2 = fallback ? E2s[s]! : e1 * st * invPvStrike;
    const x1 = sign * d1;
    const x2 = sign * (d1 - SDs[s]!);
    // Cody's CDF from the factors (normCdfWithGaussian written out twice: a call returning a double
    // would box it). Beyond |x| = sqrt(32) the middle-interval rational still gives the tail to
    // 1e-23 absolute (checked in tests), so Cody's third interval is not needed for USD values.
    // (A branch-free blend of both intervals measured slower on realistic universes: most cells sit
    // in the wings, where these branches predict well.)
    let n1: number;
    let n2: number;
    const y1 = x1 < 0 ? -x1 : x1;
    if (y1 <= CENTRAL_LIMIT) {
      const z = x1 * x1;
      n1 =
        0.5 +
        (x1 * ((((A4 * z + A0) * z + A1) * z + A2) * z + A3)) / ((((z + B0) * z + B1) * z + B2) * z + B3);
    } else {
      const t =
        (e1 *
          ((((((((C8 * y1 + C0) * y1 + C1) * y1 + C2) * y1 + C3) * y1 + C4) * y1 + C5) * y1 + C6) * y1 +
            C7)) /
        ((((((((y1 + D0) * y1 + D1) * y1 + D2) * y1 + D3) * y1 + D4) * y1 + D5) * y1 + D6) * y1 + D7);
      n1 = x1 > 0 ? 1 - t : t;
    }
    const y2 = x2 < 0 ? -x2 : x2;
    if (y2 <= CENTRAL_LIMIT) {
      const z = x2 * x2;
      n2 =
        0.5 +
        (x2 * ((((A4 * z + A0) * z + A1) * z + A2) * z + A3)) / ((((z + B0) * z + B1) * z + B2) * z + B3);
    } else {
      const t =
        (e2 *
          ((((((((C8 * y2 + C0) * y2 + C1) * y2 + C2) * y2 + C3) * y2 + C4) * y2 + C5) * y2 + C6) * y2 +
            C7)) /
        ((((((((y2 + D0) * y2 + D1) * y2 + D2) * y2 + D3) * y2 + D4) * y2 + D5) * y2 + D6) * y2 + D7);
      n2 = x2 > 0 ? 1 - t : t;
    }
    // call = S N(d1) - K' N(d2); put = -(S N(-d1) - K' N(-d2)).
    loss[out + s] = (v0 - sign * (st * n1 - pvStrike * n2)) * weight[s]!;
  }
}

export function buildRiskArray(input: RiskArrayInput): RiskArray {
  const { table, scenarios } = input;
  const horizonYears = (input.horizonDays ?? 0) / DAYS_PER_YEAR;
  const scaling = input.volTenorScaling ?? NO_TENOR_SCALING;
  const n = table.count;
  const S = scenarios.count;
  const rows = scenarioRows(input);
  const value = new Float64Array(n);
  const loss = new Float64Array(n * S);
  const { weight, spotFactor, volShock } = scenarios;
  // log of every spot factor once (underlyings x scenarios), so the hot loop takes no logarithm.
  const lnFactor = new Float64Array(spotFactor.length);
  for (let k = 0; k < spotFactor.length; k++) lnFactor[k] = Math.log(spotFactor[k]!);
  const shocks = { spotFactor, lnFactor, volShock, weight };
  const row = rowScratch(S);
  // Per-instrument scalars travel in a typed array: as plain arguments each double would be boxed.
  const args = new Float64Array(8);

  for (let i = 0; i < n; i++) {
    const v0 = valueNow(table, i);
    value[i] = v0;
    const base = rows[table.underlying[i]!]! * S;
    const out = i * S;
    const kind = table.kind[i]!;
    const spot = table.spot[i]!;
    if (kind === KIND_LINEAR) {
      for (let s = 0; s < S; s++) loss[out + s] = (v0 - spot * spotFactor[base + s]!) * weight[s]!;
      continue;
    }
    const strike = table.strike[i]!;
    const rate = table.rate[i]!;
    const years = table.years[i]! - horizonYears;
    if (years <= 0) {
      // Expired by the horizon: worth intrinsic at the shocked spot.
      const isCall = kind === KIND_CALL;
      for (let s = 0; s < S; s++) {
        const st = spot * spotFactor[base + s]!;
        const v = isCall ? (st > strike ? st - strike : 0) : st < strike ? strike - st : 0;
        loss[out + s] = (v0 - v) * weight[s]!;
      }
      continue;
    }
    args[0] = spot;
    args[1] = table.vol[i]!;
    args[2] = volShockScale(scaling, daysToExpiry(table, i));
    args[3] = Math.sqrt(years);
    args[4] = Math.log(spot / strike) + rate * years;
    args[5] = strike * Math.exp(-rate * years);
    args[6] = kind === KIND_CALL ? 1 : -1;
    args[7] = v0;
    optionRow(loss, out, S, base, shocks, row, args);
  }
  return { instruments: n, scenarios: S, value, loss };
}

/** Straightforward reference: one blackScholes() call per (instrument, scenario). */
export function buildRiskArrayReference(input: RiskArrayInput): RiskArray {
  const { table, scenarios } = input;
  const horizonYears = (input.horizonDays ?? 0) / DAYS_PER_YEAR;
  const scaling = input.volTenorScaling ?? NO_TENOR_SCALING;
  const rows = scenarioRows(input);
  const S = scenarios.count;
  const value = new Float64Array(table.count);
  const loss = new Float64Array(table.count * S);
  for (let i = 0; i < table.count; i++) {
    value[i] = valueNow(table, i);
    const row = rows[table.underlying[i]!]!;
    for (let s = 0; s < S; s++) {
      const spot = table.spot[i]! * scenarios.spotFactor[row * S + s]!;
      let v: number;
      if (table.kind[i] === KIND_LINEAR) v = spot;
      else {
        const scale = volShockScale(scaling, daysToExpiry(table, i));
        v = blackScholes({
          spot,
          strike: table.strike[i]!,
          years: table.years[i]! - horizonYears,
          vol: Math.max(0, table.vol[i]! * (1 + scenarios.volShock[row * S + s]! * scale)),
          rate: table.rate[i]!,
          kind: table.kind[i] === KIND_PUT ? "put" : "call",
        }).price;
      }
      loss[i * S + s] = (value[i]! - v) * scenarios.weight[s]!;
    }
  }
  return { instruments: table.count, scenarios: S, value, loss };
}
