/**
 * Second stage of the two-stage margin pass: per account, sum its positions' risk-array rows by
 * index into scenario losses per underlying group, take each group's worst loss, and add the
 * contingencies. Groups are the underlyings ("per-underlying": no offset between BTC and ETH books,
 * as SPAN margins each combined commodity alone and Deribit each currency) or one group ("joint").
 *
 *   worstLoss   = sum over groups of max(0, max over scenarios of the group's loss)
 *   initial     = worstLoss + short-option minimum + perp/future contingency + risk add-on
 *   maintenance = initial x mmFactor
 *
 * `aggregateAccounts` is the fast kernel (positions outer, scenarios inner, contiguous rows, no
 * allocation per account); `aggregateAccountsReference` loops scenario by scenario the obvious way.
 */
import { varEs } from "../risk/var-es.ts";
import type { AccountBook } from "./account-book.ts";
import { accountsVarEs } from "./accounts-var-es.ts";
import type { InstrumentCoefficients } from "./instrument-coefficients.ts";
import type { InstrumentTable } from "./instrument-table.ts";
import type { RiskArray } from "./risk-array.ts";

export type UnderlyingAggregation = "per-underlying" | "joint";

/** Historical VaR/ES entering initial margin: floor tops the worst loss up to the measure, additive adds it. */
export type RiskAddOnSpec = {
  /** Historical (or filtered) scenario losses per unit, instruments x days. */
  riskArray: RiskArray;
  measure: "var" | "es";
  confidence: number;
  mode: "floor" | "additive";
};

export type AccountMarginsInput = {
  table: InstrumentTable;
  riskArray: RiskArray;
  coefficients: InstrumentCoefficients;
  book: AccountBook;
  aggregation: UnderlyingAggregation;
  mmFactor: number;
  standardMmFactor: number;
  addOn?: RiskAddOnSpec;
  /** Arrays to write the results into (from `allocateAccountMargins(book.accounts)`); new ones if absent. */
  into?: AccountMargins | undefined;
};

export type AccountMargins = {
  worstLoss: Float64Array;
  /** Scenario index of the worst loss of the account's largest group; -1 when no scenario loses. */
  worstScenario: Int32Array;
  shortOptionMinimum: Float64Array;
  linearContingency: Float64Array;
  riskAddOn: Float64Array;
  initial: Float64Array;
  maintenance: Float64Array;
  standardInitial: Float64Array;
  standardMaintenance: Float64Array;
  /** Stable cash + collateral at haircut value + option marks. */
  equity: Float64Array;
};

export function allocateAccountMargins(n: number): AccountMargins {
  return {
    worstLoss: new Float64Array(n),
    worstScenario: new Int32Array(n),
    shortOptionMinimum: new Float64Array(n),
    linearContingency: new Float64Array(n),
    riskAddOn: new Float64Array(n),
    initial: new Float64Array(n),
    maintenance: new Float64Array(n),
    standardInitial: new Float64Array(n),
    standardMaintenance: new Float64Array(n),
    equity: new Float64Array(n),
  };
}

/** Group of every instrument: its underlying, or 0 for all when underlyings offset jointly. */
export function instrumentGroups(
  table: InstrumentTable,
  aggregation: UnderlyingAggregation,
): { groupOf: Int32Array; groups: number } {
  if (aggregation === "joint") return { groupOf: new Int32Array(table.count), groups: 1 };
  return { groupOf: Int32Array.from(table.underlying), groups: Math.max(1, table.underlyings.length) };
}

function addOnValue(spec: RiskAddOnSpec, result: { var: number; es: number }, worstLoss: number): number {
  const measure = Math.max(0, spec.measure === "var" ? result.var : result.es);
  return spec.mode === "additive" ? measure : Math.max(0, measure - worstLoss);
}

export function aggregateAccounts(input: AccountMarginsInput): AccountMargins {
  const { riskArray, coefficients: c, book, mmFactor, standardMmFactor, addOn } = input;
  const { groupOf, groups } = instrumentGroups(input.table, input.aggregation);
  const S = riskArray.scenarios;
  const loss = riskArray.loss;
  const out = input.into ?? allocateAccountMargins(book.accounts);
  if (out.initial.length !== book.accounts) {
    throw new Error(
      `aggregateAccounts: 'into' holds ${out.initial.length} accounts, the book ${book.accounts}`,
    );
  }
  const scratch = new Float64Array(groups * S);
  const touched = new Uint8Array(groups);
  // VaR/ES of every account at once (selection per account, buffers reused across the book).
  const hist = addOn
    ? accountsVarEs({ book, riskArray: addOn.riskArray, confidence: addOn.confidence })
    : null;
  const { offsets, instrument, qty } = book;

  for (let a = 0; a < book.accounts; a++) {
    touched.fill(0);
    let shortMin = 0;
    let linear = 0;
    let standard = 0;
    let equity = book.cashUsd[a]!;
    const begin = offsets[a]!;
    const end = offsets[a + 1]!;
    for (let p = begin; p < end; p++) {
      const i = instrument[p]!;
      const q = qty[p]!;
      const g = groupOf[i]!;
      const gs = g * S;
      const row = i * S;
      if (touched[g] === 0) {
        touched[g] = 1;
        for (let s = 0; s < S; s++) scratch[gs + s] = q * loss[row + s]!;
      } else {
        for (let s = 0; s < S; s++) scratch[gs + s]! += q * loss[row + s]!;
      }
      if (q < 0) {
        shortMin -= q * c.shortOptionMin[i]!;
        standard -= q * c.standardShort[i]!;
        linear -= q * c.linearContingency[i]!;
      } else {
        standard += q * c.standardLong[i]!;
        linear += q * c.linearContingency[i]!;
      }
      equity += q * c.mark[i]!;
    }
    let worst = 0;
    let worstScenario = -1;
    let largest = 0;
    for (let g = 0; g < groups; g++) {
      if (touched[g] === 0) continue;
      const gs = g * S;
      let m = 0;
      let at = -1;
      for (let s = 0; s < S; s++) {
        if (scratch[gs + s]! > m) {
          m = scratch[gs + s]!;
          at = s;
        }
      }
      worst += m;
      if (m > largest) {
        largest = m;
        worstScenario = at;
      }
    }
    let add = 0;
    if (addOn && hist && end > begin) {
      add = addOnValue(addOn, { var: hist.var[a]!, es: hist.es[a]! }, worst);
    }
    const initial = worst + shortMin + linear + add;
    out.worstLoss[a] = worst;
    out.worstScenario[a] = worstScenario;
    out.shortOptionMinimum[a] = shortMin;
    out.linearContingency[a] = linear;
    out.riskAddOn[a] = add;
    out.initial[a] = initial;
    out.maintenance[a] = initial * mmFactor;
    out.standardInitial[a] = standard;
    out.standardMaintenance[a] = standard * standardMmFactor;
    out.equity[a] = equity;
  }
  return out;
}

/** Reference: scenario by scenario, group by group, with plain objects. */
export function aggregateAccountsReference(input: AccountMarginsInput): AccountMargins {
  const { riskArray, coefficients: c, book, mmFactor, standardMmFactor, addOn } = input;
  const { groupOf } = instrumentGroups(input.table, input.aggregation);
  const S = riskArray.scenarios;
  const out = allocateAccountMargins(book.accounts);
  for (let a = 0; a < book.accounts; a++) {
    const positions: { i: number; q: number }[] = [];
    for (let p = book.offsets[a]!; p < book.offsets[a + 1]!; p++) {
      positions.push({ i: book.instrument[p]!, q: book.qty[p]! });
    }
    const groupWorst = new Map<number, { loss: number; scenario: number }>();
    for (const g of new Set(positions.map((p) => groupOf[p.i]!))) {
      let best = { loss: 0, scenario: -1 };
      for (let s = 0; s < S; s++) {
        const l = positions
          .filter((p) => groupOf[p.i] === g)
          .reduce((sum, p) => sum + p.q * riskArray.loss[p.i * S + s]!, 0);
        if (l > best.loss) best = { loss: l, scenario: s };
      }
      groupWorst.set(g, best);
    }
    let worst = 0;
    let largest = { loss: 0, scenario: -1 };
    for (const w of groupWorst.values()) {
      worst += w.loss;
      if (w.loss > largest.loss) largest = w;
    }
    const shortMin = positions.reduce((s, p) => s + Math.max(0, -p.q) * c.shortOptionMin[p.i]!, 0);
    const linear = positions.reduce((s, p) => s + Math.abs(p.q) * c.linearContingency[p.i]!, 0);
    const standard = positions.reduce(
      (s, p) => s + Math.abs(p.q) * (p.q < 0 ? c.standardShort[p.i]! : c.standardLong[p.i]!),
      0,
    );
    let add = 0;
    if (addOn && positions.length > 0) {
      const H = addOn.riskArray.scenarios;
      const pnl = new Float64Array(H);
      for (let s = 0; s < H; s++) {
        pnl[s] = positions.reduce((sum, p) => sum + p.q * addOn.riskArray.loss[p.i * H + s]!, 0);
      }
      add = addOnValue(addOn, varEs({ losses: pnl, confidence: addOn.confidence }), worst);
    }
    out.worstLoss[a] = worst;
    out.worstScenario[a] = largest.scenario;
    out.shortOptionMinimum[a] = shortMin;
    out.linearContingency[a] = linear;
    out.riskAddOn[a] = add;
    out.initial[a] = worst + shortMin + linear + add;
    out.maintenance[a] = out.initial[a]! * mmFactor;
    out.standardInitial[a] = standard;
    out.standardMaintenance[a] = standard * standardMmFactor;
    out.equity[a] = book.cashUsd[a]! + positions.reduce((s, p) => s + p.q * c.mark[p.i]!, 0);
  }
  return out;
}
