/**
 * Scenario risk array (SPAN-style): loss per unit long of every distinct instrument in every scenario,
 * instruments x scenarios, row-major in one Float64Array. loss = (value now - value in scenario) x
 * scenario weight. Each instrument is priced once per scenario, so the cost grows with distinct
 * instruments and not with positions; accounts then aggregate rows by index (aggregate-accounts.ts).
 *
 * `buildRiskArray` is the fast kernel: per instrument it hoists the log-moneyness, discounting and
 * sqrt(T) out of the scenario loop and uses precomputed log spot factors; per cell it does two
 * table-driven normal CDFs (pricing/normal-cdf-table.ts) and no exponential, no call, no allocation
 * (and no division unless vol shocks are tenor-scaled). `buildRiskArrayReference` is the straightforward version (one
 * `blackScholes` call, Cody's CDF, per cell); a unit test keeps the two equal to 1e-6 USD.
 */
import { blackScholes } from "../pricing/black-scholes.ts";
import { NORMAL_CDF_TABLE, TABLE_RANGE, TABLE_SCALE, TABLE_STRIDE } from "../pricing/normal-cdf-table.ts";
import { DAYS_PER_YEAR } from "../pricing/year-fraction.ts";
import { daysToExpiry, type InstrumentTable, KIND_CALL, KIND_LINEAR, KIND_PUT } from "./instrument-table.ts";
import { refillableArray } from "./refillable-array.ts";
import type { ScenarioSet } from "./scenario-set.ts";
import { NO_TENOR_SCALING, type VolTenorScaling, volShockScale } from "./vol-tenor-scaling.ts";

// Module-local constants of the table CDF. An imported binding is a live module cell that TurboFan
// reloads (with a TDZ check) at every use; a local const folds to a constant.
const CDF_TABLE = NORMAL_CDF_TABLE;
const RANGE = TABLE_RANGE;
const SCALE = TABLE_SCALE;
const STRIDE = TABLE_STRIDE;
const STEP = 1 / TABLE_SCALE;
const TOP = TABLE_RANGE - 1e-9;
/** Interval i of the table is centred at i * STEP - CENTRE0. */
const CENTRE0 = TABLE_RANGE - 0.5 / TABLE_SCALE;

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
  /** A risk array no longer needed (a simulated path's previous step): refilled in place. */
  reuse?: RiskArray | undefined;
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
 * Phi(x) from the Taylor table: a module-local copy of `normCdfTable` (pricing/normal-cdf-table.ts,
 * tested there to 7e-16 absolute). Calling the imported function instead measured 30 -> 50 ns per
 * cell: its module constants are then reloaded through live bindings in the hot loop. Small enough for
 * TurboFan to inline here, where its result stays an unboxed double.
 */
function tableCdf(x: number): number {
  if (x <= -RANGE) return 0;
  // Just below 8, (x + 8) * 16 can round up to 256, one past the last interval: Phi there is 1 - 6e-16.
  if (x >= TOP) return 1;
  const T = CDF_TABLE;
  const i = Math.floor((x + RANGE) * SCALE);
  const h = x - (i * STEP - CENTRE0);
  const b = i * STRIDE;
  let acc = T[b + 8]! * h + T[b + 7]!;
  acc = acc * h + T[b + 6]!;
  acc = acc * h + T[b + 5]!;
  acc = acc * h + T[b + 4]!;
  acc = acc * h + T[b + 3]!;
  acc = acc * h + T[b + 2]!;
  acc = acc * h + T[b + 1]!;
  return acc * h + T[b]!;
}

/** Black-Scholes price per unit from the table CDF; sign = +1 call, -1 put; sd = sigma sqrt(T). */
function tablePrice(spot: number, sd: number, drift: number, pvStrike: number, sign: number): number {
  if (!(sd > 0) || !(spot > 0)) {
    return Math.max(sign * (spot - pvStrike), 0);
  }
  const d1 = drift / sd + 0.5 * sd;
  return sign * (spot * tableCdf(sign * d1) - pvStrike * tableCdf(sign * (d1 - sd)));
}

/**
 * Fill one option's row: loss[out + s] = (v0 - price in scenario s) * weight[s].
 *
 * The normal CDF is the table-driven one: a degree-8 Taylor polynomial per 1/16-wide interval of
 * [-8, 8], absolute error < 7e-16, so a cell costs two Horner sums, with no exponential and no
 * call. (Math.exp alone costs about as much as the rest of the cell, and as a call
 * into C it also clobbers every floating-point register around it.) An absolute CDF error e moves a
 * price by at most e (S + K e^-rT): below 1e-10 USD at BTC prices.
 * Per-instrument scalars arrive in a Float64Array: as plain arguments each double would be boxed.
 */
function optionRow(
  loss: Float64Array,
  out: number,
  S: number,
  base: number,
  scenarios: {
    spotFactor: Float64Array;
    lnFactor: Float64Array;
    volShock: Float64Array;
    invVolFactor: Float64Array;
    weight: Float64Array;
  },
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
  // Without tenor scaling (scale 1) 1/sd = 1/(sigma sqrt T) x 1/(1 + shock), the second factor
  // precomputed per scenario: no division per cell. With scaling, divide.
  const invBase = 1 / (vol * sqrtT);
  const unscaled = scale === 1 && invBase < Number.POSITIVE_INFINITY;
  const { spotFactor, lnFactor, volShock, invVolFactor, weight } = scenarios;
  for (let s = 0; s < S; s++) {
    const st = spot * spotFactor[base + s]!;
    const shocked = vol * (1 + volShock[base + s]! * scale);
    const sd = shocked > 0 ? shocked * sqrtT : 0;
    let x1: number;
    let x2: number;
    if (sd > 0 && st > 0) {
      const m = drift + lnFactor[base + s]!;
      const d1 = (unscaled ? m * invBase * invVolFactor[base + s]! : m / sd) + 0.5 * sd;
      x1 = sign * d1;
      x2 = sign * (d1 - sd);
    } else {
      // sigma -> 0 (or spot 0): the discounted forward intrinsic value, N(d1) = N(d2) = 1 or 0.
      x1 = st > pvStrike ? sign * 1e6 : -sign * 1e6;
      x2 = x1;
    }
    // call = S N(d1) - K' N(d2); put = -(S N(-d1) - K' N(-d2)); here x = sign * d.
    const n1 = tableCdf(x1);
    const n2 = tableCdf(x2);
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
  const reuse = input.reuse?.scenarios === S ? input.reuse : null;
  // Every cell is written below, so a reused array needs no clearing.
  const value = refillableArray(Float64Array, n, reuse?.value);
  const loss = refillableArray(Float64Array, n * S, reuse?.loss);
  const { weight, spotFactor, volShock } = scenarios;
  // log of every spot factor once (underlyings x scenarios), so the hot loop takes no logarithm.
  const lnFactor = new Float64Array(spotFactor.length);
  for (let k = 0; k < spotFactor.length; k++) lnFactor[k] = Math.log(spotFactor[k]!);
  const invVolFactor = new Float64Array(volShock.length);
  for (let k = 0; k < volShock.length; k++)
    invVolFactor[k] = 1 + volShock[k]! > 0 ? 1 / (1 + volShock[k]!) : 0;
  const shocks = { spotFactor, lnFactor, volShock, invVolFactor, weight };
  const args = new Float64Array(8);

  for (let i = 0; i < n; i++) {
    const base = rows[table.underlying[i]!]! * S;
    const out = i * S;
    const kind = table.kind[i]!;
    const spot = table.spot[i]!;
    if (kind === KIND_LINEAR) {
      value[i] = spot;
      for (let s = 0; s < S; s++) loss[out + s] = (spot - spot * spotFactor[base + s]!) * weight[s]!;
      continue;
    }
    const strike = table.strike[i]!;
    const rate = table.rate[i]!;
    const vol = table.vol[i]!;
    const sign = kind === KIND_CALL ? 1 : -1;
    const yearsNow = table.years[i]!;
    const lnMoneyness = Math.log(spot / strike);
    const v0 =
      yearsNow > 0
        ? tablePrice(
            spot,
            vol * Math.sqrt(yearsNow),
            lnMoneyness + rate * yearsNow,
            strike * Math.exp(-rate * yearsNow),
            sign,
          )
        : Math.max(sign * (spot - strike), 0);
    value[i] = v0;
    const years = yearsNow - horizonYears;
    if (years <= 0) {
      // Expired by the horizon: worth intrinsic at the shocked spot.
      for (let s = 0; s < S; s++) {
        const st = spot * spotFactor[base + s]!;
        loss[out + s] = (v0 - Math.max(sign * (st - strike), 0)) * weight[s]!;
      }
      continue;
    }
    args[0] = spot;
    args[1] = vol;
    args[2] = volShockScale(scaling, daysToExpiry(table, i));
    args[3] = Math.sqrt(years);
    args[4] = lnMoneyness + rate * years;
    args[5] = strike * Math.exp(-rate * years);
    args[6] = sign;
    args[7] = v0;
    optionRow(loss, out, S, base, shocks, args);
  }
  if (!reuse) return { instruments: n, scenarios: S, value, loss };
  reuse.instruments = n;
  reuse.value = value;
  reuse.loss = loss;
  return reuse;
}

/** Straightforward reference: one blackScholes() call (Cody's CDF) per (instrument, scenario). */
export function buildRiskArrayReference(input: RiskArrayInput): RiskArray {
  const { table, scenarios } = input;
  const horizonYears = (input.horizonDays ?? 0) / DAYS_PER_YEAR;
  const scaling = input.volTenorScaling ?? NO_TENOR_SCALING;
  const rows = scenarioRows(input);
  const S = scenarios.count;
  const value = new Float64Array(table.count);
  const loss = new Float64Array(table.count * S);
  for (let i = 0; i < table.count; i++) {
    const linear = table.kind[i] === KIND_LINEAR;
    const kind = table.kind[i] === KIND_PUT ? "put" : "call";
    const option = { strike: table.strike[i]!, rate: table.rate[i]!, kind } as const;
    value[i] = linear
      ? table.spot[i]!
      : blackScholes({ ...option, spot: table.spot[i]!, years: table.years[i]!, vol: table.vol[i]! }).price;
    const row = rows[table.underlying[i]!]!;
    const scale = volShockScale(scaling, daysToExpiry(table, i));
    for (let s = 0; s < S; s++) {
      const spot = table.spot[i]! * scenarios.spotFactor[row * S + s]!;
      const v = linear
        ? spot
        : blackScholes({
            ...option,
            spot,
            years: table.years[i]! - horizonYears,
            vol: Math.max(0, table.vol[i]! * (1 + scenarios.volShock[row * S + s]! * scale)),
          }).price;
      loss[i * S + s] = (value[i]! - v) * scenarios.weight[s]!;
    }
  }
  return { instruments: table.count, scenarios: S, value, loss };
}
