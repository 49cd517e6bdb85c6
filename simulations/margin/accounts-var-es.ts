/**
 * VaR and ES of every account of a book over historical scenarios (full revaluation: the risk array
 * holds each instrument's loss in each past window): per account, its loss vector is summed from its
 * positions' rows and handed to `varEs` (selection, never a sort of the sample).
 *
 * The summing is most of the work (~20 multiply-adds per account-day), bound by arithmetic and
 * bounds-checked loads rather than memory: blocking accounts and days for cache reuse and Float32 rows
 * were both measured no faster. It therefore runs in WebAssembly SIMD (wasm-account-losses.ts), two
 * days per instruction without bounds checks, bit-identical to the JavaScript kernel.
 */
import { varEs } from "../risk/var-es.ts";
import type { AccountBook } from "./account-book.ts";
import type { RiskArray } from "./risk-array.ts";
import { wasmAccountLosses } from "./wasm-account-losses.ts";

export type AccountsVarEs = { var: Float64Array; es: Float64Array; observations: number; tailCount: number };

export function accountsVarEs(args: {
  book: AccountBook;
  riskArray: RiskArray;
  confidence: number;
}): AccountsVarEs {
  const { book, riskArray, confidence } = args;
  const H = riskArray.scenarios;
  const A = book.accounts;
  const out: AccountsVarEs = {
    var: new Float64Array(A),
    es: new Float64Array(A),
    observations: H,
    tailCount: 0,
  };
  if (H === 0) return out;
  const lossesOf = wasmAccountLosses(book, riskArray);
  const scratch = new Float64Array(H);
  for (let a = 0; a < A; a++) {
    const r = varEs({ losses: lossesOf(a), confidence, scratch });
    out.var[a] = r.var;
    out.es[a] = r.es;
    out.tailCount = r.tailCount;
  }
  return out;
}
