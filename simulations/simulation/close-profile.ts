/**
 * What scaling part of an account's book does to its initial margin under the span-grid model:
 * closing a share f of its derivatives (partial liquidation; collateral kept), or opening only a share
 * of an option roll. Scenario losses are linear in quantities, so per underlying group g and scenario s
 * the account's loss splits into the part being scaled (D) and the rest (C), and keeping share k of D:
 *   IM(k) = sum_g max(0, max_s (k D[g,s] + C[g,s])) + k x contingencies(D) + contingencies(C)
 * (the risk add-on is scaled with D, an approximation: VaR of a scaled book scales exactly only when
 * C is empty). `closeProfile` builds D and C once; `initialWithShare` then prices any k in
 * O(groups x scenarios), which the solvers call repeatedly.
 */
import type { AccountBook } from "../margin/account-book.ts";
import { instrumentGroups, type UnderlyingAggregation } from "../margin/aggregate-accounts.ts";
import type { InstrumentCoefficients } from "../margin/instrument-coefficients.ts";
import type { InstrumentTable } from "../margin/instrument-table.ts";
import type { RiskArray } from "../margin/risk-array.ts";

export type CloseProfile = {
  groups: number;
  scenarios: number;
  /** Loss of the part being scaled (the derivatives, by default) per group and scenario, groups x scenarios. */
  derivative: Float64Array;
  /** Loss of the rest (by default the collateral held in kind), groups x scenarios. */
  collateral: Float64Array;
  /** Contingencies (short-option minimum, perp contingency) and risk add-on of the scaled part. */
  contingency: number;
  /** Contingencies of the rest. */
  fixedContingency: number;
  mmFactor: number;
};

export function closeProfile(args: {
  account: number;
  book: AccountBook;
  table: InstrumentTable;
  riskArray: RiskArray;
  coefficients: InstrumentCoefficients;
  aggregation: UnderlyingAggregation;
  isCollateral: Uint8Array;
  riskAddOn: number;
  mmFactor: number;
  /** Instrument groups, if the caller already has them (saves an allocation per liquidation). */
  groups?: { groupOf: Int32Array; groups: number };
  /** Slots to scale (1); default: every slot that is not collateral. */
  scaled?: Uint8Array;
}): CloseProfile {
  const { account: a, book, riskArray, coefficients: c, isCollateral } = args;
  const { groupOf, groups } = args.groups ?? instrumentGroups(args.table, args.aggregation);
  const S = riskArray.scenarios;
  const derivative = new Float64Array(groups * S);
  const collateral = new Float64Array(groups * S);
  let contingency = args.riskAddOn;
  let fixedContingency = 0;
  for (let p = book.offsets[a]!; p < book.offsets[a + 1]!; p++) {
    const q = book.qty[p]!;
    if (q === 0) continue;
    const i = book.instrument[p]!;
    const isScaled = args.scaled ? args.scaled[p] === 1 : isCollateral[p] !== 1;
    const out = isScaled ? derivative : collateral;
    const gs = groupOf[i]! * S;
    const row = i * S;
    for (let s = 0; s < S; s++) out[gs + s]! += q * riskArray.loss[row + s]!;
    const charge =
      q < 0 ? -q * (c.shortOptionMin[i]! + c.linearContingency[i]!) : q * c.linearContingency[i]!;
    if (isScaled) contingency += charge;
    else fixedContingency += charge;
  }
  return {
    groups,
    scenarios: S,
    derivative,
    collateral,
    contingency,
    fixedContingency,
    mmFactor: args.mmFactor,
  };
}

/** Initial margin after closing share f in [0, 1] of the derivatives. */
export function initialAfterClose(profile: CloseProfile, f: number): number {
  return initialWithShare(profile, 1 - f);
}

/** Initial margin keeping share `keep` of the scaled part. */
export function initialWithShare(profile: CloseProfile, keep: number): number {
  const { groups, scenarios: S, derivative, collateral } = profile;
  let worst = 0;
  for (let g = 0; g < groups; g++) {
    let m = 0;
    const gs = g * S;
    for (let s = 0; s < S; s++) {
      const l = keep * derivative[gs + s]! + collateral[gs + s]!;
      if (l > m) m = l;
    }
    worst += m;
  }
  return worst + keep * profile.contingency + profile.fixedContingency;
}
