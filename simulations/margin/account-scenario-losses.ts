/**
 * One account's loss in every scenario of a risk array: out[s] = sum over positions of
 * qty x loss[instrument, s]. Four rows per pass over `out`, so the accumulator is loaded and stored
 * once per four positions (the loop is bound by memory traffic, not arithmetic).
 */
import type { AccountBook } from "./account-book.ts";
import type { RiskArray } from "./risk-array.ts";

export function accountScenarioLosses(
  book: AccountBook,
  account: number,
  riskArray: RiskArray,
  out: Float64Array,
): void {
  const S = riskArray.scenarios;
  const loss = riskArray.loss;
  const { instrument, qty } = book;
  const end = book.offsets[account + 1]!;
  let p = book.offsets[account]!;
  out.fill(0, 0, S);
  for (; p + 3 < end; p += 4) {
    const q0 = qty[p]!;
    const q1 = qty[p + 1]!;
    const q2 = qty[p + 2]!;
    const q3 = qty[p + 3]!;
    const r0 = instrument[p]! * S;
    const r1 = instrument[p + 1]! * S;
    const r2 = instrument[p + 2]! * S;
    const r3 = instrument[p + 3]! * S;
    for (let s = 0; s < S; s++) {
      out[s] = out[s]! + q0 * loss[r0 + s]! + q1 * loss[r1 + s]! + q2 * loss[r2 + s]! + q3 * loss[r3 + s]!;
    }
  }
  for (; p < end; p++) {
    const q = qty[p]!;
    const r = instrument[p]! * S;
    for (let s = 0; s < S; s++) out[s] = out[s]! + q * loss[r + s]!;
  }
}

/** Reference: position by position, scenario by scenario. */
export function accountScenarioLossesReference(
  book: AccountBook,
  account: number,
  riskArray: RiskArray,
): Float64Array {
  const S = riskArray.scenarios;
  const out = new Float64Array(S);
  for (let s = 0; s < S; s++) {
    let sum = 0;
    for (let p = book.offsets[account]!; p < book.offsets[account + 1]!; p++) {
      sum += book.qty[p]! * riskArray.loss[book.instrument[p]! * S + s]!;
    }
    out[s] = sum;
  }
  return out;
}
