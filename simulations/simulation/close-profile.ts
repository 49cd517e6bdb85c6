/**
 * What closing a share f of an account's derivatives (options and perps, pro rata; collateral kept)
 * does to its initial margin under the span-grid model. Scenario losses are linear in quantities, so
 * per underlying group g and scenario s the account's loss splits into a derivative part D and a
 * collateral part C, and after closing f:
 *   IM(f) = sum_g max(0, max_s ((1 - f) D[g,s] + C[g,s])) + (1 - f) x (contingencies + risk add-on)
 * (the add-on is scaled pro rata, an approximation: VaR of a scaled book scales exactly only without
 * collateral). `closeProfile` builds D and C once for an account being liquidated; `initialAfterClose`
 * then prices any f in O(groups x scenarios), which the partial-liquidation solver calls repeatedly.
 */
import type { AccountBook } from "../margin/account-book.ts";
import { instrumentGroups, type UnderlyingAggregation } from "../margin/aggregate-accounts.ts";
import type { InstrumentCoefficients } from "../margin/instrument-coefficients.ts";
import type { InstrumentTable } from "../margin/instrument-table.ts";
import type { RiskArray } from "../margin/risk-array.ts";

export type CloseProfile = {
  groups: number;
  scenarios: number;
  /** Loss of the derivatives per group and scenario, groups x scenarios. */
  derivative: Float64Array;
  /** Loss of the collateral held in kind, groups x scenarios. */
  collateral: Float64Array;
  /** Contingencies (short-option minimum, perp contingency) and risk add-on of the derivatives. */
  contingency: number;
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
}): CloseProfile {
  const { account: a, book, riskArray, coefficients: c, isCollateral } = args;
  const { groupOf, groups } = instrumentGroups(args.table, args.aggregation);
  const S = riskArray.scenarios;
  const derivative = new Float64Array(groups * S);
  const collateral = new Float64Array(groups * S);
  let contingency = args.riskAddOn;
  for (let p = book.offsets[a]!; p < book.offsets[a + 1]!; p++) {
    const q = book.qty[p]!;
    if (q === 0) continue;
    const i = book.instrument[p]!;
    const out = isCollateral[p] === 1 ? collateral : derivative;
    const gs = groupOf[i]! * S;
    const row = i * S;
    for (let s = 0; s < S; s++) out[gs + s]! += q * riskArray.loss[row + s]!;
    if (isCollateral[p] !== 1) {
      contingency += q < 0 ? -q * (c.shortOptionMin[i]! + c.linearContingency[i]!) : q * c.linearContingency[i]!;
    }
  }
  return { groups, scenarios: S, derivative, collateral, contingency, mmFactor: args.mmFactor };
}

/** Initial margin after closing share f in [0, 1] of the derivatives. */
export function initialAfterClose(profile: CloseProfile, f: number): number {
  const { groups, scenarios: S, derivative, collateral } = profile;
  const keep = 1 - f;
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
  return worst + keep * profile.contingency;
}
